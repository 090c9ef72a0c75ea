package io.wsboot.engine.internal.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.PreparedMessage;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.internal.frame.FrameEncoder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Outbox}: what a send puts on the wire and counts, with the loop's
 * write buffer and no socket.
 *
 * @author wsboot
 */
class OutboxTests {

	private final FrameQueue queue = new FrameQueue();

	private final ConnectionStats stats = new ConnectionStats(this.queue, 0, 0, 0);

	private final AtomicInteger flushes = new AtomicInteger();

	private final Outbox outbox = new Outbox(this.queue, WsLimits.DEFAULTS, new CountingOwner());

	private final FrameQueue.WriteBuffer out = new FrameQueue.WriteBuffer(EventLoop.WRITE_BUFFER_BYTES);

	private final RecordingIo io = new RecordingIo();

	/** Write everything queued and report it SENT, as the connection's flush does. */
	private byte[] flush() throws Exception {
		assertThat(this.outbox.flush(this.io, this.out)).isTrue();
		return this.io.received.toByteArray();
	}

	private static byte[] frame(OpCode opCode, byte[] payload) {
		ByteBuffer frame = FrameEncoder.frame(true, 0, opCode, ByteBuffer.wrap(payload));
		byte[] bytes = new byte[frame.remaining()];
		frame.get(bytes);
		return bytes;
	}

	@Nested
	@DisplayName("RFC 6455 §5.6 data frames")
	class DataFrames {

		@Test
		void textIsOneFrameAndIsCountedExactly() throws Exception {
			byte[] utf8 = "héllo".getBytes(StandardCharsets.UTF_8);
			CompletableFuture<SendResult> result = OutboxTests.this.outbox.sendText(utf8);
			assertThat(OutboxTests.this.flushes).hasValue(1);
			assertThat(result).isNotDone();
			assertThat(flush()).isEqualTo(frame(OpCode.TEXT, utf8));
			assertThat(result).isCompletedWithValue(SendResult.SENT);
			assertThat(OutboxTests.this.stats.wireBytesOut()).isEqualTo(2 + 6);
			assertThat(OutboxTests.this.stats.payloadBytesOut()).isEqualTo(6);
			assertThat(OutboxTests.this.stats.messageBytesOut()).isEqualTo(6);
			assertThat(OutboxTests.this.stats.textMessagesOut()).isEqualTo(1);
		}

		@ParameterizedTest(name = "{0}-byte payload")
		@ValueSource(ints = { 0, 5, 125, 126, 200, 65_535, 65_536, 70_000 })
		void preparedMessageSharesItsFrameAndIsCountedExactly(int length) throws Exception {
			byte[] payload = new byte[length];
			for (int i = 0; i < length; i++) {
				payload[i] = (byte) i;
			}
			PreparedMessage message = PreparedMessage.binary(ByteBuffer.wrap(payload));
			OutboxTests.this.outbox.sendPrepared(message);
			OutboxTests.this.outbox.sendPrepared(message);
			byte[] expected = frame(OpCode.BINARY, payload);
			ByteArrayOutputStream twice = new ByteArrayOutputStream();
			twice.writeBytes(expected);
			twice.writeBytes(expected);
			assertThat(flush()).isEqualTo(twice.toByteArray());
			assertThat(OutboxTests.this.stats.wireBytesOut()).isEqualTo(2L * expected.length);
			assertThat(OutboxTests.this.stats.payloadBytesOut()).isEqualTo(2L * length);
			assertThat(OutboxTests.this.stats.binaryMessagesOut()).isEqualTo(2);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5.1 close")
	class Close {

		@Test
		void noDataIsQueuedAfterTheCloseFrame() throws Exception {
			OutboxTests.this.outbox.sendText("a".getBytes(StandardCharsets.UTF_8));
			OutboxTests.this.outbox.sendClose(CloseStatus.NORMAL);
			CompletableFuture<SendResult> late = OutboxTests.this.outbox.sendText("b".getBytes(StandardCharsets.UTF_8));
			assertThat(late).isCompletedWithValue(SendResult.CLOSED);
			assertThat(flush()).containsExactly(0x81, 0x01, 'a', 0x88, 0x02, 0x03, 0xE8);
		}

	}

	/**
	 * Takes everything it is given.
	 */
	private static final class RecordingIo implements SocketIo {

		final ByteArrayOutputStream received = new ByteArrayOutputStream();

		@Override
		public long write(ByteBuffer[] srcs, int offset, int length) {
			long written = 0;
			for (int i = offset; i < offset + length; i++) {
				byte[] chunk = new byte[srcs[i].remaining()];
				srcs[i].get(chunk);
				this.received.writeBytes(chunk);
				written += chunk.length;
			}
			return written;
		}

		@Override
		public int read(ByteBuffer dst) {
			return 0;
		}

		@Override
		public boolean hasBufferedInput() {
			return false;
		}

		@Override
		public boolean hasPendingOutput() {
			return false;
		}

		@Override
		public void flushPendingOutput() {
		}

		@Override
		public void shutdownOutput() {
		}

		@Override
		public @Nullable String tlsProtocol() {
			return null;
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public void close() {
		}

	}

	/** Stands in for the connection: counts flush requests and drops. */
	private final class CountingOwner implements Outbox.Owner {

		@Override
		public void scheduleFlush() {
			OutboxTests.this.flushes.incrementAndGet();
		}

		@Override
		public void overflowed() {
		}

		@Override
		public void messageDropped() {
			OutboxTests.this.stats.messageDropped();
		}

		@Override
		public void frameWritten(QueuedFrame frame) {
			OutboxTests.this.stats.sent(frame);
		}

	}

}
