package io.wsboot.actuate.endpoint;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.wsboot.autoconfigure.WsServerStartedEvent;
import io.wsboot.autoconfigure.metrics.PollingModel;
import io.wsboot.autoconfigure.metrics.TrafficRecorder;
import io.wsboot.autoconfigure.metrics.TrafficSnapshot;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.SessionStats;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.context.ApplicationListener;

/**
 * The {@code wsboot} actuator endpoint: the server, its endpoints, traffic totals with
 * the bytes saved compared with HTTP polling, and a page of live sessions
 * ({@code ?offset=0&limit=100}). A write operation closes one session with a code; it is
 * off unless {@code management.endpoint.wsboot.access=unrestricted}.
 *
 * <p>
 * Named {@code WsbootEndpoint} so as not to be confused with the
 * {@link io.wsboot.endpoint.annotation.WsEndpoint @WsEndpoint} annotation.
 *
 * @author wsboot
 */
@org.springframework.boot.actuate.endpoint.annotation.Endpoint(id = "wsboot", defaultAccess = Access.READ_ONLY)
public class WsbootEndpoint implements ApplicationListener<WsServerStartedEvent> {

	/** Sessions listed when no limit is given. */
	public static final int DEFAULT_LIMIT = 100;

	/** Most sessions listed at once. */
	public static final int MAX_LIMIT = 1000;

	private static final Comparator<WsSession> OPENING_ORDER = Comparator
		.comparingLong((WsSession session) -> session.stats().openedAtMillis())
		// ids are increasing decimal numbers: shorter first, then by digits
		.thenComparingInt((session) -> session.id().length())
		.thenComparing(WsSession::id);

	private final Supplier<@Nullable WsServer> server;

	private final TrafficRecorder recorder;

	private final Function<String, @Nullable String> beanNames;

	private volatile @Nullable Instant startedAt;

	private Supplier<Map<String, Integer>> users = Map::of;

	/**
	 * Create an endpoint.
	 * @param server supplies the running server, or {@code null} when there is none
	 * @param recorder the traffic of the server's sessions
	 * @param beanNames the name of the bean that defines an endpoint, by path template,
	 * or {@code null} when unknown
	 */
	public WsbootEndpoint(Supplier<@Nullable WsServer> server, TrafficRecorder recorder,
			Function<String, @Nullable String> beanNames) {
		this.server = server;
		this.recorder = recorder;
		this.beanNames = beanNames;
	}

	/**
	 * Set where the presence per user comes from: the number of open sessions of each
	 * authenticated user on this node.
	 * @param users supplies session counts by principal name
	 */
	public void setUsers(Supplier<Map<String, Integer>> users) {
		this.users = users;
	}

	@Override
	public void onApplicationEvent(WsServerStartedEvent event) {
		this.startedAt = Instant.now();
	}

	/**
	 * Describe the server, its endpoints and traffic, and a page of its sessions.
	 * @param offset the sessions to skip, 0 when not given
	 * @param limit the most sessions to list, {@value #DEFAULT_LIMIT} when not given
	 * @return the description
	 */
	@ReadOperation
	public WsbootDescriptor wsboot(@Nullable Integer offset, @Nullable Integer limit) {
		int from = (offset != null) ? offset : 0;
		int size = (limit != null) ? limit : DEFAULT_LIMIT;
		if (from < 0) {
			throw new InvalidEndpointRequestException("offset must not be negative but was " + from, "Invalid offset");
		}
		if (size < 1 || size > MAX_LIMIT) {
			throw new InvalidEndpointRequestException("limit must be between 1 and " + MAX_LIMIT + " but was " + size,
					"Invalid limit");
		}
		WsServer server = this.server.get();
		List<WsSession> sessions = new ArrayList<>((server != null) ? server.sessions() : List.of());
		sessions.sort(OPENING_ORDER);
		TrafficSnapshot totals = this.recorder.totals();
		return new WsbootDescriptor(describeServer(server), describeEndpoints(server, sessions),
				TotalsDescriptor.of(totals), BytesSavedDescriptor.of(totals, this.recorder.pollingModel()),
				describeSessions(sessions, from, size), this.users.get());
	}

	/**
	 * Start the close handshake of one session.
	 * @param id the session id
	 * @param code the close code: one that may be sent in a close frame
	 * @param reason the close reason, at most 123 bytes in UTF-8
	 * @return what was done, or {@code null} when no such session is open
	 */
	@WriteOperation
	public @Nullable ClosingDescriptor closeSession(@Selector String id, int code, @Nullable String reason) {
		// RFC 6455 §7.4: only codes that may appear on the wire can be sent
		if (!CloseStatus.isValidOnWire(code)) {
			throw new InvalidEndpointRequestException("close code " + code + " may not be sent in a close frame",
					"Invalid close code");
		}
		CloseStatus status;
		try {
			status = new CloseStatus(code, (reason != null) ? reason : "");
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Invalid close reason");
		}
		WsServer server = this.server.get();
		if (server == null) {
			return null;
		}
		for (WsSession session : server.sessions()) {
			if (session.id().equals(id)) {
				session.close(status);
				return new ClosingDescriptor(id, code, status.reason());
			}
		}
		return null;
	}

	private ServerDescriptor describeServer(@Nullable WsServer server) {
		if (server == null || !server.isRunning()) {
			return new ServerDescriptor(false, false, null, null, false, null);
		}
		InetSocketAddress address = server.localAddress();
		Instant startedAt = this.startedAt;
		return new ServerDescriptor(true, server.isHealthy(), address.getAddress().getHostAddress(), address.getPort(),
				server.config().tls() != null,
				(startedAt != null) ? Duration.between(startedAt, Instant.now()).toString() : null);
	}

	private List<EndpointDescriptor> describeEndpoints(@Nullable WsServer server, List<WsSession> sessions) {
		if (server == null) {
			return List.of();
		}
		Map<String, Long> active = sessions.stream()
			.collect(Collectors.groupingBy(WsSession::pathTemplate, Collectors.counting()));
		List<EndpointDescriptor> endpoints = new ArrayList<>();
		for (Endpoint endpoint : server.endpoints()) {
			endpoints.add(new EndpointDescriptor(endpoint.pathTemplate(), this.beanNames.apply(endpoint.pathTemplate()),
					endpoint.subprotocols(), active.getOrDefault(endpoint.pathTemplate(), 0L)));
		}
		return endpoints;
	}

	private SessionsDescriptor describeSessions(List<WsSession> sessions, int offset, int limit) {
		long now = System.currentTimeMillis();
		List<SessionDescriptor> page = new ArrayList<>();
		for (int i = offset; i < sessions.size() && page.size() < limit; i++) {
			page.add(describeSession(sessions.get(i), now));
		}
		return new SessionsDescriptor(sessions.size(), offset, limit, page);
	}

	private SessionDescriptor describeSession(WsSession session, long now) {
		SessionStats stats = session.stats();
		TrafficSnapshot traffic = this.recorder.snapshotOf(session);
		InetSocketAddress remote = session.remoteAddress();
		return new SessionDescriptor(session.id(), session.pathTemplate(),
				remote.getAddress().getHostAddress() + ":" + remote.getPort(),
				Instant.ofEpochMilli(stats.openedAtMillis()).toString(),
				Duration.ofMillis(Math.max(0, now - stats.openedAtMillis())).toString(), session.tlsProtocol(),
				session.subprotocol(), stats.textMessagesIn() + stats.binaryMessagesIn(),
				stats.textMessagesOut() + stats.binaryMessagesOut(), stats.wireBytesIn(), stats.wireBytesOut(),
				stats.queuedBytes(), (traffic != null) ? traffic.savedBytes() : null);
	}

	/**
	 * Everything the endpoint reports.
	 *
	 * @param server the server
	 * @param endpoints its endpoints
	 * @param totals traffic of every session, open or closed
	 * @param bytesSaved the comparison with HTTP polling
	 * @param sessions a page of the open sessions
	 * @param users the open sessions of each authenticated user on this node, by
	 * principal name; empty without the security integration
	 */
	public record WsbootDescriptor(ServerDescriptor server, List<EndpointDescriptor> endpoints, TotalsDescriptor totals,
			BytesSavedDescriptor bytesSaved, SessionsDescriptor sessions,
			Map<String, Integer> users) implements OperationResponseBody {

	}

	/**
	 * The server.
	 *
	 * @param running whether it is running
	 * @param healthy whether its socket is bound and every event loop is alive
	 * @param address the bound address
	 * @param port the bound port
	 * @param tls whether it serves {@code wss://}
	 * @param uptime time since it started, ISO-8601
	 */
	public record ServerDescriptor(boolean running, boolean healthy, @Nullable String address, @Nullable Integer port,
			boolean tls, @Nullable String uptime) {

	}

	/**
	 * One endpoint.
	 *
	 * @param path the path template
	 * @param bean the bean that defines it, when known
	 * @param subprotocols its subprotocols in order of preference
	 * @param activeSessions its open sessions
	 */
	public record EndpointDescriptor(String path, @Nullable String bean, List<String> subprotocols,
			long activeSessions) {

	}

	/**
	 * Traffic of every session since start.
	 *
	 * @param sessionsOpened sessions opened
	 * @param sessionsActive sessions open now
	 * @param messagesIn data messages received
	 * @param messagesOut data messages sent
	 * @param wireBytesIn frame bytes received
	 * @param wireBytesOut frame bytes sent
	 * @param payloadBytesIn data payload bytes received
	 * @param payloadBytesOut data payload bytes sent
	 * @param handshakeBytes upgrade requests and 101 responses
	 * @param controlFrames ping, pong and close frames
	 * @param droppedMessages messages discarded by the slow-consumer policy
	 * @param queuedBytes bytes waiting to be sent now
	 */
	public record TotalsDescriptor(long sessionsOpened, long sessionsActive, long messagesIn, long messagesOut,
			long wireBytesIn, long wireBytesOut, long payloadBytesIn, long payloadBytesOut, long handshakeBytes,
			long controlFrames, long droppedMessages, long queuedBytes) {

		static TotalsDescriptor of(TrafficSnapshot totals) {
			return new TotalsDescriptor(totals.sessionsOpened(), totals.activeSessions(), totals.messagesIn(),
					totals.messagesOut(), totals.wireBytesIn(), totals.wireBytesOut(), totals.payloadBytesIn(),
					totals.payloadBytesOut(), totals.handshakeBytesIn() + totals.handshakeBytesOut(),
					totals.controlFrames(), totals.droppedMessages(), totals.queuedBytes());
		}

	}

	/**
	 * The bytes saved compared with delivering every message by HTTP polling.
	 *
	 * @param httpEquivalentBytes what polling would have used
	 * @param actualBytes what WebSocket used: handshakes and frames
	 * @param savedBytes the difference, negative when WebSocket cost more
	 * @param savedRatio {@code saved / httpEquivalent}
	 * @param compressionSavedBytes saved by compression, counted apart
	 * @param requestHeadBytes the polling request head, or {@code null} when measured per
	 * connection
	 * @param responseHeadBytes the polling response head
	 */
	public record BytesSavedDescriptor(long httpEquivalentBytes, long actualBytes, long savedBytes, double savedRatio,
			long compressionSavedBytes, @Nullable Long requestHeadBytes, long responseHeadBytes) {

		static BytesSavedDescriptor of(TrafficSnapshot totals, PollingModel model) {
			return new BytesSavedDescriptor(totals.httpEquivalentBytes(), totals.actualBytes(), totals.savedBytes(),
					totals.savedRatio(), totals.compressionSavedBytes(), model.requestHeadBytes(),
					model.responseHeadBytes());
		}

	}

	/**
	 * A page of the open sessions, oldest first.
	 *
	 * @param total the open sessions
	 * @param offset the sessions skipped
	 * @param limit the most listed
	 * @param items the sessions listed
	 */
	public record SessionsDescriptor(int total, int offset, int limit, List<SessionDescriptor> items) {

	}

	/**
	 * One open session.
	 *
	 * @param id its id
	 * @param endpoint the path template of its endpoint
	 * @param remoteAddress the client's address and port
	 * @param openedAt when it opened, ISO-8601
	 * @param age how long it has been open, ISO-8601
	 * @param tlsProtocol its TLS protocol, {@code null} for {@code ws://}
	 * @param subprotocol its subprotocol, when one was agreed
	 * @param messagesIn data messages received
	 * @param messagesOut data messages sent
	 * @param wireBytesIn frame bytes received
	 * @param wireBytesOut frame bytes sent
	 * @param queuedBytes bytes waiting to be sent
	 * @param savedBytes bytes saved compared with HTTP polling so far
	 */
	public record SessionDescriptor(String id, String endpoint, String remoteAddress, String openedAt, String age,
			@Nullable String tlsProtocol, @Nullable String subprotocol, long messagesIn, long messagesOut,
			long wireBytesIn, long wireBytesOut, long queuedBytes, @Nullable Long savedBytes) {

	}

	/**
	 * A close that was started.
	 *
	 * @param id the session id
	 * @param code the close code sent
	 * @param reason the close reason sent
	 */
	public record ClosingDescriptor(String id, int code, String reason) implements OperationResponseBody {

	}

}
