package io.wsboot.engine.internal.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.internal.session.MessageAssemblerTests.RecordingListener;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TextScratch}.
 */
class TextScratchTests {

	private final TextScratch scratch = new TextScratch();

	@Nested
	@DisplayName("one array per event loop")
	class Sharing {

		@Test
		void arrayIsReusedAndGrowsUpToTheRetainedSize() {
			byte[] first = TextScratchTests.this.scratch.array(10);
			assertThat(first).hasSize(1024);
			assertThat(TextScratchTests.this.scratch.array(1024)).isSameAs(first);
			byte[] larger = TextScratchTests.this.scratch.array(5000);
			assertThat(larger).hasSize(5000);
			assertThat(TextScratchTests.this.scratch.array(100)).isSameAs(larger);
		}

		@Test
		void arrayOverTheRetainedSizeIsNotKept() {
			byte[] kept = TextScratchTests.this.scratch.array(100);
			byte[] huge = TextScratchTests.this.scratch.array(TextScratch.RETAINED_BYTES + 1);
			assertThat(huge).hasSize(TextScratch.RETAINED_BYTES + 1);
			assertThat(TextScratchTests.this.scratch.array(100)).isSameAs(kept);
		}

		@Test
		void assemblersSharingTheArrayDeliverIndependentTexts() {
			RecordingListener listener = new RecordingListener();
			MessageAssembler one = new MessageAssembler(1024, listener, TextScratchTests.this.scratch);
			MessageAssembler two = new MessageAssembler(1024, listener, TextScratchTests.this.scratch);
			text(one, "first message");
			text(two, "second");
			text(one, "third, longer than the others");
			assertThat(listener.messages).containsExactly("first message", "second", "third, longer than the others");
		}

		private void text(MessageAssembler assembler, String text) {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			assembler.frameStart(true, 0, OpCode.TEXT, bytes.length);
			assembler.payload(ByteBuffer.wrap(bytes));
			assembler.frameEnd();
		}

	}

}
