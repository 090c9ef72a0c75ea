package io.wsboot.engine.internal.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.SlowConsumerPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FrameQueue}'s bound on pongs.
 *
 * @author wsboot
 */
class FrameQueueTests {

	/** A pong frame with a 125-byte payload: 2 header bytes and the payload. */
	private static final int PONG_FRAME_BYTES = 127;

	private static final long LIMIT_BYTES = 3 * PONG_FRAME_BYTES;

	private final FrameQueue queue = new FrameQueue();

	private static QueuedFrame pong(int id) {
		byte[] payload = new byte[125];
		payload[0] = (byte) id;
		return QueuedFrame.control(QueuedFrame.Kind.PONG, OpCode.PONG, ByteBuffer.wrap(payload));
	}

	/** A binary message whose frame, with its 4-byte header, has the given size. */
	private static QueuedFrame data(int frameBytes) {
		return QueuedFrame.data(OpCode.BINARY, new byte[frameBytes - 4]);
	}

	private List<QueuedFrame> offer(QueuedFrame frame) {
		List<QueuedFrame> dropped = new ArrayList<>();
		assertThat(this.queue.offer(frame, LIMIT_BYTES, SlowConsumerPolicy.CLOSE, dropped))
			.isEqualTo(FrameQueue.Admission.ACCEPTED);
		return dropped;
	}

	@Nested
	@DisplayName("RFC 6455 §5.5.3 pongs behind a client that does not read")
	class Pongs {

		@Test
		void pongsWithinTheLimitAreAllKept() {
			for (int i = 0; i < 3; i++) {
				assertThat(offer(pong(i))).isEmpty();
			}
			assertThat(FrameQueueTests.this.queue.queuedBytes()).isEqualTo(3 * PONG_FRAME_BYTES);
		}

		@Test
		void pastTheLimitTheOldestUnsentPongGivesWay() {
			QueuedFrame first = pong(0);
			offer(first);
			offer(pong(1));
			offer(pong(2));
			assertThat(offer(pong(3))).containsExactly(first);
			assertThat(FrameQueueTests.this.queue.queuedBytes()).isEqualTo(LIMIT_BYTES);
		}

		@Test
		void thousandsOfPongsStayWithinTheLimit() {
			for (int i = 0; i < 10_000; i++) {
				offer(pong(i));
			}
			assertThat(FrameQueueTests.this.queue.queuedBytes()).isLessThanOrEqualTo(LIMIT_BYTES);
		}

		@Test
		void aPongBeingWrittenIsNeverReplaced() throws Exception {
			QueuedFrame first = pong(0);
			offer(first);
			FrameQueueTests.this.queue.writeTo(new RecordingChannel(10), new FrameQueue.WriteBuffer(1024));
			assertThat(first.isStarted()).isTrue();
			for (int i = 1; i < 100; i++) {
				assertThat(offer(pong(i))).doesNotContain(first);
			}
		}

		@Test
		void pongsNeverEvictDataFrames() {
			QueuedFrame message = data((int) LIMIT_BYTES);
			offer(message);
			for (int i = 0; i < 10; i++) {
				assertThat(offer(pong(i))).doesNotContain(message);
			}
			// the data stays; only one pong is waiting behind it
			assertThat(FrameQueueTests.this.queue.queuedBytes()).isEqualTo(LIMIT_BYTES + PONG_FRAME_BYTES);
		}

	}

}
