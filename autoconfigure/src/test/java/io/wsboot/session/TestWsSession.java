package io.wsboot.session;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.PreparedMessage;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.SessionStats;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * An engine session without a socket that records what is sent to it.
 */
final class TestWsSession implements WsSession {

	final List<Object> sent = new ArrayList<>();

	private final String id;

	private final String pathTemplate;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private @Nullable CloseStatus closed;

	private volatile @Nullable Object attachment;

	TestWsSession(String id, String pathTemplate) {
		this.id = id;
		this.pathTemplate = pathTemplate;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String path() {
		return this.pathTemplate;
	}

	@Override
	public String pathTemplate() {
		return this.pathTemplate;
	}

	@Override
	public Map<String, String> pathVariables() {
		return Map.of();
	}

	@Override
	public HandshakeRequest handshakeRequest() {
		return new HandshakeRequest("GET", this.pathTemplate, this.pathTemplate, "", "HTTP/1.1", Map.of(), 0,
				remoteAddress());
	}

	@Override
	public @Nullable String subprotocol() {
		return null;
	}

	@Override
	public List<String> extensions() {
		return List.of();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return new InetSocketAddress("127.0.0.1", 40000);
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public synchronized CompletableFuture<SendResult> sendText(String text) {
		this.sent.add(text);
		return CompletableFuture.completedFuture(SendResult.SENT);
	}

	@Override
	public synchronized CompletableFuture<SendResult> sendBinary(ByteBuffer data) {
		this.sent.add(data);
		return CompletableFuture.completedFuture(SendResult.SENT);
	}

	@Override
	public synchronized CompletableFuture<SendResult> send(PreparedMessage message) {
		this.sent.add(message);
		return CompletableFuture.completedFuture(SendResult.SENT);
	}

	@Override
	public CompletableFuture<SendResult> sendPing(ByteBuffer payload) {
		return CompletableFuture.completedFuture(SendResult.SENT);
	}

	@Override
	public synchronized void close(CloseStatus status) {
		if (this.closed == null) {
			this.closed = status;
		}
	}

	@Override
	public synchronized boolean isOpen() {
		return this.closed == null;
	}

	@Override
	public SessionStats stats() {
		throw new UnsupportedOperationException();
	}

	@Override
	public @Nullable Object attachment() {
		return this.attachment;
	}

	@Override
	public void attach(@Nullable Object attachment) {
		this.attachment = attachment;
	}

	synchronized @Nullable CloseStatus closedWith() {
		return this.closed;
	}

}
