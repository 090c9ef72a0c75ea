package io.wsboot.autoconfigure.metrics;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
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
 * A session without a connection, whose counters a test sets: one writer thread, as on an
 * event loop.
 */
final class FakeSession implements WsSession {

	static final HandshakeRequest REQUEST = new HandshakeRequest("GET", "/fake", "/fake", "", "HTTP/1.1", Map.of(), 100,
			new InetSocketAddress("127.0.0.1", 50000));

	final Stats stats = new Stats();

	private final String id;

	private final String pathTemplate;

	private final Map<String, String> pathVariables;

	private volatile @Nullable Object attachment;

	FakeSession(String id, String pathTemplate, Map<String, String> pathVariables) {
		this.id = id;
		this.pathTemplate = pathTemplate;
		this.pathVariables = pathVariables;
		this.stats.handshakeRequestBytes = REQUEST.headBytes();
		this.stats.handshakeResponseBytes = 129;
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
		return this.pathVariables;
	}

	@Override
	public HandshakeRequest handshakeRequest() {
		return REQUEST;
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
		return REQUEST.remoteAddress();
	}

	@Override
	public Map<String, Object> attributes() {
		return new ConcurrentHashMap<>();
	}

	@Override
	public CompletableFuture<SendResult> sendText(String text) {
		throw new UnsupportedOperationException();
	}

	@Override
	public CompletableFuture<SendResult> sendBinary(ByteBuffer data) {
		throw new UnsupportedOperationException();
	}

	@Override
	public CompletableFuture<SendResult> send(PreparedMessage message) {
		throw new UnsupportedOperationException();
	}

	@Override
	public CompletableFuture<SendResult> sendPing(ByteBuffer payload) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void close(CloseStatus status) {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public SessionStats stats() {
		return this.stats;
	}

	@Override
	public @Nullable Object attachment() {
		return this.attachment;
	}

	@Override
	public void attach(@Nullable Object attachment) {
		this.attachment = attachment;
	}

	static final class Stats implements SessionStats {

		volatile long handshakeRequestBytes;

		volatile long handshakeResponseBytes;

		volatile long wireBytesIn;

		volatile long payloadBytesIn;

		volatile long messageBytesIn;

		volatile long textMessagesIn;

		@Override
		public long handshakeRequestBytes() {
			return this.handshakeRequestBytes;
		}

		@Override
		public long handshakeResponseBytes() {
			return this.handshakeResponseBytes;
		}

		@Override
		public long wireBytesIn() {
			return this.wireBytesIn;
		}

		@Override
		public long wireBytesOut() {
			return 0;
		}

		@Override
		public long payloadBytesIn() {
			return this.payloadBytesIn;
		}

		@Override
		public long payloadBytesOut() {
			return 0;
		}

		@Override
		public long messageBytesIn() {
			return this.messageBytesIn;
		}

		@Override
		public long textMessagesIn() {
			return this.textMessagesIn;
		}

		@Override
		public long binaryMessagesIn() {
			return 0;
		}

		@Override
		public long textMessagesOut() {
			return 0;
		}

		@Override
		public long binaryMessagesOut() {
			return 0;
		}

		@Override
		public long controlFrames() {
			return 0;
		}

		@Override
		public long controlWireBytes() {
			return 0;
		}

		@Override
		public long droppedMessages() {
			return 0;
		}

		@Override
		public long queuedBytes() {
			return 0;
		}

		@Override
		public long openedAtMillis() {
			return 0;
		}

	}

}
