package io.wsboot.engine.internal.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.SlowConsumerPolicy;
import io.wsboot.engine.internal.frame.FrameEncoder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FrameQueue#writeTo}: frames encoded into the event loop's write buffer
 * reach the socket whole, in order, exactly once, however little each write takes.
 *
 * @author wsboot
 */
class FrameQueueWriteTests {

	private static final int WRITE_BUFFER_BYTES = 1024;

	private final FrameQueue queue = new FrameQueue();

	private final FrameQueue.WriteBuffer out = new FrameQueue.WriteBuffer(WRITE_BUFFER_BYTES);

	private QueuedFrame offer(QueuedFrame frame) {
		assertThat(this.queue.offer(frame, Long.MAX_VALUE, SlowConsumerPolicy.CLOSE, List.of()))
			.isEqualTo(FrameQueue.Admission.ACCEPTED);
		return frame;
	}

	private List<QueuedFrame> written() {
		List<QueuedFrame> written = new ArrayList<>();
		for (QueuedFrame entry = this.out.takeWritten(); entry != null; entry = entry.next) {
			written.add(entry);
		}
		return written;
	}

	/** Write until the queue is empty, at most {@code bytesPerWrite} bytes per call. */
	private RecordingChannel drain(int bytesPerWrite) throws Exception {
		RecordingChannel channel = new RecordingChannel(bytesPerWrite);
		for (int i = 0; i < 1_000_000 && !this.queue.isEmpty(); i++) {
			this.queue.writeTo(channel, this.out);
		}
		assertThat(this.queue.isEmpty()).isTrue();
		return channel;
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static byte[] pattern(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * 31 + 7);
		}
		return bytes;
	}

	private static byte[] frame(OpCode opCode, byte[] payload) {
		ByteBuffer frame = FrameEncoder.frame(true, 0, opCode, ByteBuffer.wrap(payload));
		byte[] bytes = new byte[frame.remaining()];
		frame.get(bytes);
		return bytes;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	@Nested
	@DisplayName("RFC 6455 §5.7 frames encoded at write time")
	class Encoding {

		@Test
		void rfc6455Section5_7SingleUnmaskedHelloFromTextBytes() throws Exception {
			offer(QueuedFrame.data(OpCode.TEXT, "Hello".getBytes(StandardCharsets.UTF_8)));
			RecordingChannel channel = drain(Integer.MAX_VALUE);
			assertThat(channel.bytes()).containsExactly(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
		}

		@Test
		void rfc6455Section5_7UnmaskedPingAndPong() throws Exception {
			byte[] hello = "Hello".getBytes(StandardCharsets.UTF_8);
			offer(QueuedFrame.control(QueuedFrame.Kind.CONTROL, OpCode.PING, ByteBuffer.wrap(hello)));
			offer(QueuedFrame.control(QueuedFrame.Kind.PONG, OpCode.PONG, ByteBuffer.wrap(hello)));
			RecordingChannel channel = drain(Integer.MAX_VALUE);
			assertThat(channel.bytes()).containsExactly(
					bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x8A, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
		}

		@ParameterizedTest(name = "{0}-byte payload")
		@ValueSource(ints = { 0, 125, 126, 300, 65_535, 65_536, 70_000 })
		void binaryBufferPayloadUsesTheShortestLengthEncoding(int length) throws Exception {
			byte[] payload = pattern(length);
			ByteBuffer buffer = ByteBuffer.wrap(payload);
			QueuedFrame frame = offer(QueuedFrame.data(OpCode.BINARY, 0, buffer, length));
			RecordingChannel channel = drain(Integer.MAX_VALUE);
			assertThat(channel.bytes()).isEqualTo(frame(OpCode.BINARY, payload));
			assertThat(frame.bytes()).isEqualTo(channel.bytes().length);
			assertThat(buffer.position()).isZero();
		}

		@Test
		void payloadPositionIsTakenWhenQueued() throws Exception {
			ByteBuffer buffer = ByteBuffer.wrap(bytes(9, 9, 1, 2, 3));
			buffer.position(2);
			offer(QueuedFrame.data(OpCode.BINARY, 0, buffer, 3));
			buffer.position(0);
			assertThat(drain(Integer.MAX_VALUE).bytes()).containsExactly(bytes(0x82, 0x03, 1, 2, 3));
		}

		@Test
		void encodedFrameIsWrittenAsItIs() throws Exception {
			byte[] shared = frame(OpCode.TEXT, "Hello".getBytes(StandardCharsets.UTF_8));
			ByteBuffer frame = ByteBuffer.wrap(shared).asReadOnlyBuffer();
			offer(QueuedFrame.encoded(QueuedFrame.Kind.DATA, frame, 5, true));
			offer(QueuedFrame.encoded(QueuedFrame.Kind.DATA, frame, 5, true));
			assertThat(drain(Integer.MAX_VALUE).bytes()).isEqualTo(concat(shared, shared));
			assertThat(frame.position()).isZero();
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.4 order and partial writes")
	class PartialWrites {

		@Test
		void smallFramesGoOutInOneWrite() throws Exception {
			// 15 frames of 66 bytes fit the 1 KiB buffer
			for (int i = 0; i < 15; i++) {
				offer(QueuedFrame.data(OpCode.TEXT, pattern(64)));
			}
			RecordingChannel channel = drain(Integer.MAX_VALUE);
			assertThat(channel.writes).isEqualTo(1);
			assertThat(channel.bytes()).hasSize(15 * 66);
			assertThat(written()).hasSize(15).allSatisfy((frame) -> assertThat(frame.isWritten()).isTrue());
		}

		@ParameterizedTest(name = "{0} bytes per write")
		@ValueSource(ints = { 1, 3, 7, 100, 1023, 1025 })
		void everyByteGoesOutOnceInOrder(int bytesPerWrite) throws Exception {
			List<byte[]> expected = new ArrayList<>();
			List<QueuedFrame> queued = new ArrayList<>();
			int[] sizes = { 0, 5, 125, 126, 1000, 1022, 3000, 70_000, 17 };
			for (int size : sizes) {
				byte[] payload = pattern(size);
				queued.add(offer(QueuedFrame.data(OpCode.BINARY, 0, ByteBuffer.wrap(payload), size)));
				expected.add(frame(OpCode.BINARY, payload));
			}
			long total = FrameQueueWriteTests.this.queue.queuedBytes();
			RecordingChannel channel = drain(bytesPerWrite);
			assertThat(channel.bytes()).isEqualTo(concat(expected.toArray(byte[][]::new)));
			assertThat(channel.bytes()).hasSize((int) total);
			assertThat(FrameQueueWriteTests.this.queue.queuedBytes()).isZero();
			assertThat(written()).containsExactlyElementsOf(queued);
		}

		@Test
		void aFrameIsReportedOnlyOnceWrittenCompletely() throws Exception {
			QueuedFrame first = offer(QueuedFrame.data(OpCode.TEXT, pattern(10)));
			QueuedFrame second = offer(QueuedFrame.data(OpCode.TEXT, pattern(10)));
			RecordingChannel channel = new RecordingChannel(15);
			FrameQueueWriteTests.this.queue.writeTo(channel.full(15), FrameQueueWriteTests.this.out);
			assertThat(written()).containsExactly(first);
			assertThat(second.isStarted()).isTrue();
			assertThat(second.isWritten()).isFalse();
			assertThat(FrameQueueWriteTests.this.queue.queuedBytes()).isEqualTo(9);
			FrameQueueWriteTests.this.queue.writeTo(channel.full(Integer.MAX_VALUE), FrameQueueWriteTests.this.out);
			assertThat(written()).containsExactly(second);
			assertThat(channel.bytes())
				.isEqualTo(concat(frame(OpCode.TEXT, pattern(10)), frame(OpCode.TEXT, pattern(10))));
		}

		@Test
		void aFullSocketStopsTheWrite() throws Exception {
			offer(QueuedFrame.data(OpCode.BINARY, pattern(5000)));
			RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE).full(0);
			assertThat(FrameQueueWriteTests.this.queue.writeTo(channel, FrameQueueWriteTests.this.out)).isZero();
			assertThat(channel.writes).isEqualTo(1);
			assertThat(FrameQueueWriteTests.this.queue.queuedBytes()).isEqualTo(5004);
			assertThat(written()).isEmpty();
		}

		@Test
		void discardedUnstartedDataIsNeverWritten() throws Exception {
			QueuedFrame started = offer(QueuedFrame.data(OpCode.TEXT, pattern(10)));
			offer(QueuedFrame.data(OpCode.TEXT, pattern(10)));
			QueuedFrame close = offer(
					QueuedFrame.control(QueuedFrame.Kind.CLOSE, OpCode.CLOSE, ByteBuffer.wrap(bytes(3, 0xE8))));
			RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE).full(5);
			FrameQueueWriteTests.this.queue.writeTo(channel, FrameQueueWriteTests.this.out);
			List<QueuedFrame> removed = new ArrayList<>();
			FrameQueueWriteTests.this.queue.discardUnstartedData(removed);
			assertThat(removed).hasSize(1);
			channel.full(Integer.MAX_VALUE);
			FrameQueueWriteTests.this.queue.writeTo(channel, FrameQueueWriteTests.this.out);
			assertThat(channel.bytes()).isEqualTo(concat(frame(OpCode.TEXT, pattern(10)), bytes(0x88, 0x02, 3, 0xE8)));
			assertThat(written()).containsExactly(started, close);
		}

	}

	@Nested
	@DisplayName("Large and direct payloads")
	class LargePayloads {

		@Test
		void directPayloadIsWrittenFromItsOwnBuffer() throws Exception {
			byte[] payload = pattern(QueuedFrame.MIN_GATHERED_PAYLOAD_BYTES * 2);
			ByteBuffer direct = ByteBuffer.allocateDirect(payload.length);
			direct.put(payload).flip();
			offer(QueuedFrame.data(OpCode.TEXT, pattern(3)));
			QueuedFrame large = offer(QueuedFrame.data(OpCode.BINARY, 0, direct, payload.length));
			RecordingChannel channel = drain(Integer.MAX_VALUE);
			assertThat(channel.bytes())
				.isEqualTo(concat(frame(OpCode.TEXT, pattern(3)), frame(OpCode.BINARY, payload)));
			assertThat(channel.writes).isEqualTo(1);
			assertThat(channel.maxBuffers).isEqualTo(2);
			assertThat(direct.position()).isZero();
			assertThat(written()).last().isSameAs(large);
		}

		@ParameterizedTest(name = "{0} bytes per write")
		@ValueSource(ints = { 1, 7, 1000, 9000 })
		void directPayloadSurvivesPartialWrites(int bytesPerWrite) throws Exception {
			byte[] payload = pattern(QueuedFrame.MIN_GATHERED_PAYLOAD_BYTES + 3);
			ByteBuffer direct = ByteBuffer.allocateDirect(payload.length);
			direct.put(payload).flip();
			offer(QueuedFrame.data(OpCode.TEXT, pattern(1020)));
			offer(QueuedFrame.data(OpCode.BINARY, 0, direct, payload.length));
			offer(QueuedFrame.data(OpCode.TEXT, pattern(3)));
			RecordingChannel channel = drain(bytesPerWrite);
			assertThat(channel.bytes()).isEqualTo(concat(frame(OpCode.TEXT, pattern(1020)),
					frame(OpCode.BINARY, payload), frame(OpCode.TEXT, pattern(3))));
			assertThat(written()).hasSize(3);
		}

		@ParameterizedTest(name = "{0} bytes, socket full after 300")
		@ValueSource(ints = { 600, QueuedFrame.MIN_GATHERED_PAYLOAD_BYTES + 5 })
		void detachedPayloadContinuesWhereTheSocketStopped(int length) throws Exception {
			byte[] payload = pattern(length);
			ByteBuffer lent = ByteBuffer.allocateDirect(length + 2);
			lent.put((byte) 1).put(payload).put((byte) 2).position(1).limit(1 + length);
			QueuedFrame frame = offer(QueuedFrame.data(OpCode.BINARY, 0, lent, length));
			RecordingChannel channel = new RecordingChannel(Integer.MAX_VALUE).full(300);
			FrameQueueWriteTests.this.queue.writeTo(channel, FrameQueueWriteTests.this.out);
			assertThat(frame.isWritten()).isFalse();
			frame.detachPayload();
			// the lender reuses its buffer: the frame no longer depends on it
			lent.clear();
			while (lent.hasRemaining()) {
				lent.put((byte) 0xEE);
			}
			channel.full(Long.MAX_VALUE);
			for (int i = 0; i < 100 && !FrameQueueWriteTests.this.queue.isEmpty(); i++) {
				FrameQueueWriteTests.this.queue.writeTo(channel, FrameQueueWriteTests.this.out);
			}
			assertThat(channel.bytes()).isEqualTo(frame(OpCode.BINARY, payload));
			assertThat(written()).containsExactly(frame);
		}

		@Test
		void heapPayloadLargerThanTheBufferGoesOutInBufferSizedWrites() throws Exception {
			byte[] payload = pattern(10 * WRITE_BUFFER_BYTES);
			offer(QueuedFrame.data(OpCode.BINARY, payload));
			RecordingChannel channel = drain(Integer.MAX_VALUE);
			assertThat(channel.bytes()).isEqualTo(frame(OpCode.BINARY, payload));
			assertThat(channel.maxBytesPerWrite).isEqualTo(WRITE_BUFFER_BYTES);
		}

	}

	@Test
	void closeHandsBackWhatWasNotWritten() throws Exception {
		QueuedFrame first = offer(QueuedFrame.data(OpCode.TEXT, pattern(10)));
		QueuedFrame second = offer(QueuedFrame.data(OpCode.TEXT, pattern(10)));
		this.queue.writeTo(new RecordingChannel(Integer.MAX_VALUE).full(5), this.out);
		List<QueuedFrame> remaining = new ArrayList<>();
		this.queue.close(remaining);
		assertThat(remaining).containsExactly(first, second);
		assertThat(this.queue.offer(QueuedFrame.data(OpCode.TEXT, pattern(1)), Long.MAX_VALUE, SlowConsumerPolicy.CLOSE,
				List.of()))
			.isEqualTo(FrameQueue.Admission.CLOSED);
		assertThat(first.isDone()).isFalse();
		first.complete(SendResult.CLOSED);
		assertThat(first.join()).isEqualTo(SendResult.CLOSED);
	}

}
