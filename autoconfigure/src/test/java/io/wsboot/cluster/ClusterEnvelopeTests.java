package io.wsboot.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.wsboot.endpoint.broadcast.BroadcastTarget;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.PreparedMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClusterEnvelope}.
 */
class ClusterEnvelopeTests {

	@Nested
	@DisplayName("wire format")
	class WireFormat {

		@Test
		void groupTextMessageHasTheDocumentedLayout() {
			ClusterEnvelope envelope = new ClusterEnvelope("n1", new BroadcastTarget.Group("lobby"),
					PreparedMessage.text("hi"), 0x0102030405060708L,
					new ClusterEnvelope.Sequence(0x1112131415161718L, 9));
			assertThat(envelope.encode()).containsExactly(2, // version
					2, // target: group
					1, // type: text
					1, 2, 3, 4, 5, 6, 7, 8, // published at
					0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, // incarnation
					0, 0, 0, 0, 0, 0, 0, 9, // sequence number
					0, 2, 'n', '1', // node id
					0, 0, 0, 5, 'l', 'o', 'b', 'b', 'y', // target name
					0, 0, 0, 2, 'h', 'i'); // payload
		}

		@Test
		void versionOneEnvelopeWithoutSequenceIsStillRead() {
			byte[] versionOne = { 1, // version
					2, // target: group
					1, // type: text
					0, 0, 0, 0, 0, 0, 0, 3, // published at
					0, 2, 'n', '1', // node id
					0, 0, 0, 5, 'l', 'o', 'b', 'b', 'y', // target name
					0, 0, 0, 2, 'h', 'i' }; // payload
			ClusterEnvelope decoded = ClusterEnvelope.decode(versionOne);
			assertThat(decoded.nodeId()).isEqualTo("n1");
			assertThat(decoded.target()).isEqualTo(new BroadcastTarget.Group("lobby"));
			assertThat(decoded.publishedAtMicros()).isEqualTo(3);
			assertThat(decoded.sequence()).isEqualTo(ClusterEnvelope.Sequence.NONE);
		}

		@Test
		void everyTargetAndTypeSurvivesTheRoundTrip() {
			Object[] targets = { new BroadcastTarget.AllSessions(),
					new BroadcastTarget.EndpointSessions("/chat/{room}"), new BroadcastTarget.Group("räum"),
					new ClusterEnvelope.SessionTarget("1f"), new BroadcastTarget.User("ada@example.com") };
			for (Object target : targets) {
				ClusterEnvelope envelope = new ClusterEnvelope("node-ä", target,
						PreparedMessage.binary(ByteBuffer.wrap(new byte[] { 0, (byte) 0xFF })), 42,
						new ClusterEnvelope.Sequence(-5, 77));
				ClusterEnvelope decoded = ClusterEnvelope.decode(envelope.encode());
				assertThat(decoded.nodeId()).isEqualTo("node-ä");
				assertThat(decoded.target()).isEqualTo(target);
				assertThat(decoded.publishedAtMicros()).isEqualTo(42);
				assertThat(decoded.sequence()).isEqualTo(new ClusterEnvelope.Sequence(-5, 77));
				assertThat(decoded.message().type()).isEqualTo(OpCode.BINARY);
				assertThat(bytes(decoded.message().payload())).containsExactly(0, 0xFF);
			}
			ClusterEnvelope text = ClusterEnvelope.decode(new ClusterEnvelope("n", new BroadcastTarget.AllSessions(),
					PreparedMessage.text("héllo"), 1, ClusterEnvelope.Sequence.NONE)
				.encode());
			assertThat(text.message().type()).isEqualTo(OpCode.TEXT);
			assertThat(new String(bytes(text.message().payload()), StandardCharsets.UTF_8)).isEqualTo("héllo");
		}

	}

	@Nested
	@DisplayName("malformed envelopes")
	class Malformed {

		private final byte[] valid = new ClusterEnvelope("n1", new BroadcastTarget.Group("lobby"),
				PreparedMessage.text("hi"), 7, new ClusterEnvelope.Sequence(1, 1))
			.encode();

		@Test
		void unknownVersionIsRejected() {
			assertRejected(withByte(0, 3), "unsupported envelope version 3");
		}

		@Test
		void truncatedEnvelopeIsRejected() {
			assertRejected(Arrays.copyOf(this.valid, 12), "truncated envelope of 12 bytes");
		}

		@Test
		void payloadLengthThatDisagreesIsRejected() {
			assertRejected(Arrays.copyOf(this.valid, this.valid.length + 1),
					"envelope announces a 2-byte payload but carries 3");
		}

		@Test
		void unknownTargetAndTypeAreRejected() {
			assertRejected(withByte(1, 9), "unknown target 9");
			assertRejected(withByte(2, 8), "unknown message type 8");
		}

		private byte[] withByte(int index, int value) {
			byte[] bytes = this.valid.clone();
			bytes[index] = (byte) value;
			return bytes;
		}

		private void assertRejected(byte[] bytes, String message) {
			assertThatIllegalArgumentException().isThrownBy(() -> ClusterEnvelope.decode(bytes)).withMessage(message);
		}

	}

	@Test
	void clusterSessionIdsCarryTheNode() {
		assertThat(ClusterSessionIds.of("node-a", "1f")).isEqualTo("node-a:1f");
		assertThat(ClusterSessionIds.nodeId("host:8080:1f")).isEqualTo("host:8080");
		assertThat(ClusterSessionIds.sessionId("host:8080:1f")).isEqualTo("1f");
		assertThat(ClusterSessionIds.nodeId("1f")).isNull();
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
