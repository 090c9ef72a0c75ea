package io.wsboot.endpoint.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * The {@link EndpointSession} that a {@link SessionRegistry} creates around an engine
 * session.
 *
 * @author wsboot
 */
final class DefaultEndpointSession implements EndpointSession {

	private static final VarHandle GROUPS;

	static {
		try {
			GROUPS = MethodHandles.lookup().findVarHandle(DefaultEndpointSession.class, "groups", Set.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final WsSession session;

	private final SessionRegistry registry;

	/**
	 * The groups joined, created on the first join by {@link #addGroup}: most sessions
	 * never join one, and an empty concurrent set costs about 90 bytes.
	 */
	private volatile @Nullable Set<String> groups;

	private volatile boolean unregistered;

	/** The parsed upgrade request, once asked for: the engine keeps only its raw head. */
	private volatile @Nullable HandshakeRequest handshakeRequest;

	/** The principal's name once asked for, empty for none. */
	private volatile @Nullable String principalName;

	DefaultEndpointSession(WsSession session, SessionRegistry registry) {
		this.session = session;
		this.registry = registry;
	}

	@Override
	public String id() {
		return this.session.id();
	}

	@Override
	public String path() {
		return this.session.path();
	}

	@Override
	public String pathTemplate() {
		return this.session.pathTemplate();
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.session.pathVariables();
	}

	@Override
	public @Nullable String pathVariable(String name) {
		return this.session.pathVariables().get(name);
	}

	@Override
	public @Nullable String subprotocol() {
		return this.session.subprotocol();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.session.remoteAddress();
	}

	@Override
	public @Nullable InetSocketAddress proxyAddress() {
		return this.session.proxyAddress();
	}

	@Override
	public Map<String, Object> attributes() {
		return this.session.attributes();
	}

	/**
	 * Return the name of the principal, read once: it is the key of the registry's user
	 * index, so it must not change between registering and unregistering.
	 */
	@Nullable String principalName() {
		String name = this.principalName;
		if (name == null) {
			java.security.Principal principal = principal();
			name = (principal != null) ? principal.getName() : "";
			this.principalName = name;
		}
		return name.isEmpty() ? null : name;
	}

	@Override
	public HandshakeRequest handshakeRequest() {
		// a racy cache: two threads may parse it once each, and either result is right
		HandshakeRequest request = this.handshakeRequest;
		if (request == null) {
			request = this.session.handshakeRequest();
			this.handshakeRequest = request;
		}
		return request;
	}

	@Override
	public Map<String, List<String>> handshakeHeaders() {
		return handshakeRequest().headers();
	}

	@Override
	public @Nullable String handshakeHeader(String name) {
		return handshakeRequest().header(name);
	}

	@Override
	public List<String> queryParameter(String name) {
		return handshakeRequest().queryParameter(name);
	}

	@Override
	public CompletableFuture<SendResult> sendText(String text) {
		return this.session.sendText(text);
	}

	@Override
	public CompletableFuture<SendResult> sendBinary(byte[] data) {
		return this.session.sendBinary(ByteBuffer.wrap(data));
	}

	@Override
	public CompletableFuture<SendResult> sendBinary(ByteBuffer data) {
		return this.session.sendBinary(data);
	}

	@Override
	public CompletableFuture<SendResult> sendObject(Object value) {
		return this.session.sendText(Messages.json(value, this.registry.codec()));
	}

	@Override
	public void close() {
		this.session.close(CloseStatus.NORMAL);
	}

	@Override
	public void close(int code, String reason) {
		// RFC 6455 §7.4.1: only registered codes and 3000-4999 may be sent in a close
		// frame
		if (!CloseStatus.isValidOnWire(code)) {
			throw new IllegalArgumentException("close code " + code + " may not be sent in a close frame");
		}
		this.session.close(new CloseStatus(code, reason));
	}

	@Override
	public boolean isOpen() {
		return this.session.isOpen();
	}

	@Override
	public void join(String group) {
		this.registry.join(this, group);
	}

	@Override
	public void leave(String group) {
		this.registry.leave(this, group);
	}

	@Override
	public Set<String> groups() {
		return Set.copyOf(groupSet());
	}

	@Override
	public WsSession unwrap() {
		return this.session;
	}

	/**
	 * Return the groups joined, read-only while there are none.
	 */
	Set<String> groupSet() {
		Set<String> groups = this.groups;
		return (groups != null) ? groups : Set.of();
	}

	@SuppressWarnings("unchecked")
	void addGroup(String group) {
		Set<String> groups = this.groups;
		if (groups == null) {
			Set<String> created = ConcurrentHashMap.newKeySet();
			Set<String> existing = (Set<String>) GROUPS.compareAndExchange(this, null, created);
			groups = (existing != null) ? existing : created;
		}
		groups.add(group);
	}

	void removeGroup(String group) {
		Set<String> groups = this.groups;
		if (groups != null) {
			groups.remove(group);
		}
	}

	boolean isUnregistered() {
		return this.unregistered;
	}

	void markUnregistered() {
		this.unregistered = true;
	}

	@Override
	public String toString() {
		return "EndpointSession[" + id() + " " + pathTemplate() + "]";
	}

}
