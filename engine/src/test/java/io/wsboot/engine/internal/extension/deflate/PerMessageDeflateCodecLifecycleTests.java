package io.wsboot.engine.internal.extension.deflate;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.internal.frame.Frame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for when {@link PerMessageDeflateCodec} creates, pools and ends its zlib streams.
 */
class PerMessageDeflateCodecLifecycleTests {

	private static final byte[] HELLO = PerMessageDeflateCodecTests.HELLO;

	private static ByteBuffer hello() {
		return ByteBuffer.wrap(PerMessageDeflateCodecTests.ascii("Hello"));
	}

	@Nested
	@DisplayName("lazy creation")
	class LazyCreation {

		@Test
		void newCodecHoldsNoStreams() {
			TrackedStreams streams = new TrackedStreams(0);
			streams.codec(false, 0);
			assertThat(streams.deflatersCreated).isEmpty();
			assertThat(streams.inflatersCreated).isEmpty();
		}

		@Test
		void messagesBelowThresholdCreateNoDeflater() {
			TrackedStreams streams = new TrackedStreams(0);
			PerMessageDeflateCodec codec = streams.codec(false, 256);
			assertThat(codec.encode(OpCode.TEXT, hello()).rsv()).isZero();
			assertThat(streams.deflatersCreated).isEmpty();
		}

		@Test
		void receivingOnlyCreatesNoDeflater() {
			TrackedStreams streams = new TrackedStreams(0);
			PerMessageDeflateCodec codec = streams.codec(false, 0);
			PerMessageDeflateCodecTests.decode(codec, HELLO);
			assertThat(streams.deflatersCreated).isEmpty();
			assertThat(streams.inflatersCreated).hasSize(1);
		}

		@Test
		@DisplayName("RFC 7692 §7.2.3.2 context takeover keeps one stream per direction")
		void contextTakeoverKeepsItsStreams() {
			TrackedStreams streams = new TrackedStreams(4);
			PerMessageDeflateCodec codec = streams.codec(false, 0);
			for (int i = 0; i < 3; i++) {
				codec.encode(OpCode.TEXT, hello());
				PerMessageDeflateCodecTests.decode(codec, HELLO);
			}
			assertThat(streams.deflatersCreated).hasSize(1);
			assertThat(streams.inflatersCreated).hasSize(1);
			assertThat(streams.deflaters.idleCount()).isZero();
		}

	}

	@Nested
	@DisplayName("RFC 7692 §7.1.1.1 server_no_context_takeover pooling")
	class Pooling {

		@Test
		void serverNoContextTakeoverGivesDeflaterBackAfterEachMessage() {
			TrackedStreams streams = new TrackedStreams(4);
			PerMessageDeflateCodec first = streams.codec(true, 0);
			PerMessageDeflateCodec second = streams.codec(true, 0);
			first.encode(OpCode.TEXT, hello());
			assertThat(streams.deflaters.idleCount()).isOne();
			assertThat(PerMessageDeflateCodecTests.payload(second.encode(OpCode.TEXT, hello()))).containsExactly(HELLO);
			assertThat(streams.deflatersCreated).hasSize(1);
			assertThat(streams.deflatersCreated.get(0).ended).isFalse();
		}

		@Test
		void fullPoolEndsWhatIsGivenBack() {
			TrackedStreams streams = new TrackedStreams(0);
			PerMessageDeflateCodec codec = streams.codec(true, 0);
			codec.encode(OpCode.TEXT, hello());
			assertThat(streams.deflatersCreated).singleElement()
				.satisfies((deflater) -> assertThat(deflater.ended).isTrue());
		}

	}

	@Nested
	@DisplayName("release")
	class Release {

		@Test
		void releasedCodecRefusesWork() {
			PerMessageDeflateCodec codec = new TrackedStreams(0).codec(false, 0);
			codec.release();
			assertThatIllegalStateException().isThrownBy(() -> codec.encode(OpCode.TEXT, hello()))
				.withMessage("permessage-deflate codec has been released");
			assertThatIllegalStateException()
				.isThrownBy(() -> codec.decode(ByteBuffer.wrap(HELLO), true, LimitedSink.unlimited()))
				.withMessage("permessage-deflate codec has been released");
		}

		@Test
		void releaseEndsBothStreams() {
			TrackedStreams streams = new TrackedStreams(4);
			PerMessageDeflateCodec codec = streams.codec(false, 0);
			codec.encode(OpCode.TEXT, hello());
			PerMessageDeflateCodecTests.decode(codec, HELLO);
			codec.release();
			assertThat(streams.deflatersCreated).singleElement()
				.satisfies((deflater) -> assertThat(deflater.ended).isTrue());
			assertThat(streams.inflatersCreated).singleElement()
				.satisfies((inflater) -> assertThat(inflater.ended).isTrue());
			assertThat(streams.deflaters.idleCount()).isZero();
		}

		@Test
		void releaseInsideMessageEndsInflater() {
			TrackedStreams streams = new TrackedStreams(4);
			PerMessageDeflateCodec codec = streams.codec(false, 0);
			codec.decode(ByteBuffer.wrap(HELLO, 0, 3), false, LimitedSink.unlimited());
			codec.release();
			assertThat(streams.inflatersCreated).singleElement()
				.satisfies((inflater) -> assertThat(inflater.ended).isTrue());
		}

		@Test
		void releaseTwiceIsHarmless() {
			TrackedStreams streams = new TrackedStreams(0);
			PerMessageDeflateCodec codec = streams.codec(false, 0);
			codec.encode(OpCode.TEXT, hello());
			codec.release();
			codec.release();
			assertThat(streams.deflatersCreated).singleElement()
				.satisfies((deflater) -> assertThat(deflater.ended).isTrue());
		}

		@Test
		void releaseWhileEncodingOnAnotherThreadWaitsForTheMessage() throws Exception {
			byte[] message = new byte[1024 * 1024];
			for (int round = 0; round < 20; round++) {
				TrackedStreams streams = new TrackedStreams(0);
				PerMessageDeflateCodec codec = streams.codec(false, 0);
				CountDownLatch started = new CountDownLatch(1);
				CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
					started.countDown();
					try {
						return codec.encode(OpCode.BINARY, ByteBuffer.wrap(message)).rsv();
					}
					catch (IllegalStateException ex) {
						return ex.getMessage();
					}
				});
				assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
				codec.release();
				assertThat(outcome.get(10, TimeUnit.SECONDS)).isIn(Frame.RSV1,
						"permessage-deflate codec has been released");
				assertThat(streams.deflatersCreated).allSatisfy((deflater) -> assertThat(deflater.ended).isTrue());
			}
		}

		@Test
		void releaseOfUnusedCodecEndsNothing() {
			TrackedStreams streams = new TrackedStreams(0);
			streams.codec(false, 0).release();
			assertThat(streams.deflatersCreated).isEmpty();
			assertThat(streams.inflatersCreated).isEmpty();
		}

	}

}
