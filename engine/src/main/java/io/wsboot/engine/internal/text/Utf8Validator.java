package io.wsboot.engine.internal.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An incremental UTF-8 validator (RFC 3629 §4, as RFC 6455 §8.1 requires for text
 * messages) that accepts its input in pieces split at any byte, such as the fragments and
 * chunks of a message.
 *
 * <p>
 * It is a deterministic automaton over byte classes. Its states carry the restrictions
 * that RFC 3629 puts on the second byte of a sequence (E0 A0-BF, ED 80-9F, F0 90-BF, F4
 * 80-8F), so it fails at the first byte that no valid text can continue: an overlong
 * form, a surrogate (U+D800-DFFF), a code point above U+10FFFF, a stray continuation
 * byte, or one of C0, C1, F5-FF. For example ED A0 fails at A0 and F4 90 at 90, without
 * waiting for the end of the message. Runs of ASCII are skipped eight bytes at a time.
 *
 * <p>
 * Not thread-safe; one validator per message being received, {@link #reset() reset}
 * between messages.
 *
 * @author wsboot
 */
public final class Utf8Validator {

	// 1000_0000 in each byte
	private static final long ASCII_MASK_8_BYTES = 0x8080808080808080L;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

	// byte classes
	private static final int ASCII = 0; // 00-7F

	private static final int CONT_80_8F = 1;

	private static final int CONT_90_9F = 2;

	private static final int CONT_A0_BF = 3;

	private static final int LEAD_2 = 4; // C2-DF

	private static final int LEAD_E0 = 5;

	private static final int LEAD_3 = 6; // E1-EC, EE-EF

	private static final int LEAD_ED = 7;

	private static final int LEAD_F0 = 8;

	private static final int LEAD_4 = 9; // F1-F3

	private static final int LEAD_F4 = 10;

	private static final int INVALID = 11; // C0, C1, F5-FF

	private static final int CLASS_COUNT = 12;

	// states, premultiplied by CLASS_COUNT so that a transition is one table lookup
	private static final int ACCEPT = 0;

	private static final int REJECT = CLASS_COUNT;

	/** One more continuation byte, 80-BF. */
	private static final int NEED_1 = 2 * CLASS_COUNT;

	/** Two more continuation bytes, 80-BF. */
	private static final int NEED_2 = 3 * CLASS_COUNT;

	/** After E0: A0-BF (anything lower is overlong), then one more. */
	private static final int AFTER_E0 = 4 * CLASS_COUNT;

	/** After ED: 80-9F (anything higher is a surrogate), then one more. */
	private static final int AFTER_ED = 5 * CLASS_COUNT;

	/** Three more continuation bytes, 80-BF. */
	private static final int NEED_3 = 6 * CLASS_COUNT;

	/** After F0: 90-BF (anything lower is overlong), then two more. */
	private static final int AFTER_F0 = 7 * CLASS_COUNT;

	/** After F4: 80-8F (anything higher is above U+10FFFF), then two more. */
	private static final int AFTER_F4 = 8 * CLASS_COUNT;

	private static final int STATE_COUNT = 9;

	private static final byte[] CLASSES = new byte[256];

	private static final byte[] TRANSITIONS = new byte[STATE_COUNT * CLASS_COUNT];

	static {
		classify(0x00, 0x7F, ASCII);
		classify(0x80, 0x8F, CONT_80_8F);
		classify(0x90, 0x9F, CONT_90_9F);
		classify(0xA0, 0xBF, CONT_A0_BF);
		classify(0xC0, 0xC1, INVALID); // would only encode U+0000-007F, overlong
		classify(0xC2, 0xDF, LEAD_2);
		classify(0xE0, 0xE0, LEAD_E0);
		classify(0xE1, 0xEC, LEAD_3);
		classify(0xED, 0xED, LEAD_ED);
		classify(0xEE, 0xEF, LEAD_3);
		classify(0xF0, 0xF0, LEAD_F0);
		classify(0xF1, 0xF3, LEAD_4);
		classify(0xF4, 0xF4, LEAD_F4);
		classify(0xF5, 0xFF, INVALID); // would only encode code points above U+10FFFF
		Arrays.fill(TRANSITIONS, (byte) REJECT);
		transition(ACCEPT, ASCII, ACCEPT);
		transition(ACCEPT, LEAD_2, NEED_1);
		transition(ACCEPT, LEAD_E0, AFTER_E0);
		transition(ACCEPT, LEAD_3, NEED_2);
		transition(ACCEPT, LEAD_ED, AFTER_ED);
		transition(ACCEPT, LEAD_F0, AFTER_F0);
		transition(ACCEPT, LEAD_4, NEED_3);
		transition(ACCEPT, LEAD_F4, AFTER_F4);
		for (int continuation : new int[] { CONT_80_8F, CONT_90_9F, CONT_A0_BF }) {
			transition(NEED_1, continuation, ACCEPT);
			transition(NEED_2, continuation, NEED_1);
			transition(NEED_3, continuation, NEED_2);
		}
		transition(AFTER_E0, CONT_A0_BF, NEED_1);
		transition(AFTER_ED, CONT_80_8F, NEED_1);
		transition(AFTER_ED, CONT_90_9F, NEED_1);
		transition(AFTER_F0, CONT_90_9F, NEED_2);
		transition(AFTER_F0, CONT_A0_BF, NEED_2);
		transition(AFTER_F4, CONT_80_8F, NEED_2);
	}

	private int state = ACCEPT;

	private long validatedBytes;

	private long invalidByteOffset = -1;

	/**
	 * Validate the next bytes of the text, the buffer's remaining bytes, without moving
	 * its position.
	 * @param bytes the next bytes
	 * @return {@code false} when these or earlier bytes are not valid UTF-8; once
	 * {@code false} it stays {@code false} until {@link #reset()}
	 */
	public boolean update(ByteBuffer bytes) {
		int state = this.state;
		if (state == REJECT) {
			return false;
		}
		int index = bytes.position();
		int end = bytes.limit();
		while (index < end) {
			if (state == ACCEPT) {
				// between characters, skip ASCII a long at a time (in any byte order)
				while (end - index >= Long.BYTES && (bytes.getLong(index) & ASCII_MASK_8_BYTES) == 0) {
					index += Long.BYTES;
				}
				if (index == end) {
					break;
				}
			}
			state = TRANSITIONS[state + CLASSES[bytes.get(index) & 0xFF]];
			if (state == REJECT) {
				this.state = REJECT;
				this.invalidByteOffset = this.validatedBytes + (index - bytes.position());
				return false;
			}
			index++;
		}
		this.state = state;
		this.validatedBytes += end - bytes.position();
		return true;
	}

	/**
	 * Validate the next bytes of the text, {@code bytes[from, to)}.
	 * @param bytes the array holding the next bytes
	 * @param from the index of the first byte
	 * @param to the index after the last byte
	 * @return {@code false} when these or earlier bytes are not valid UTF-8; once
	 * {@code false} it stays {@code false} until {@link #reset()}
	 */
	public boolean update(byte[] bytes, int from, int to) {
		if (from < 0 || to > bytes.length || from > to) {
			throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + bytes.length + " bytes");
		}
		int state = this.state;
		if (state == REJECT) {
			return false;
		}
		int index = from;
		while (index < to) {
			if (state == ACCEPT) {
				// between characters, skip ASCII a long at a time (in any byte order)
				while (to - index >= Long.BYTES && ((long) LONGS.get(bytes, index) & ASCII_MASK_8_BYTES) == 0) {
					index += Long.BYTES;
				}
				if (index == to) {
					break;
				}
			}
			state = TRANSITIONS[state + CLASSES[bytes[index] & 0xFF]];
			if (state == REJECT) {
				this.state = REJECT;
				this.invalidByteOffset = this.validatedBytes + (index - from);
				return false;
			}
			index++;
		}
		this.state = state;
		this.validatedBytes += to - from;
		return true;
	}

	/**
	 * Whether all bytes so far are valid UTF-8 and do not end inside a multi-byte
	 * sequence: the text can end here.
	 * @return {@code true} when the text so far is complete and valid
	 */
	public boolean isComplete() {
		return this.state == ACCEPT;
	}

	/**
	 * Return the offset, counted from the last {@link #reset()}, of the first invalid
	 * byte.
	 * @return the offset, or -1 when no invalid byte was found
	 */
	public long invalidByteOffset() {
		return this.invalidByteOffset;
	}

	/**
	 * Forget all bytes seen, ready for a new text.
	 */
	public void reset() {
		this.state = ACCEPT;
		this.validatedBytes = 0;
		this.invalidByteOffset = -1;
	}

	/**
	 * Whether the remaining bytes of a buffer are complete, valid UTF-8; the position is
	 * not moved.
	 * @param bytes the bytes
	 * @return {@code true} when valid
	 */
	public static boolean isValid(ByteBuffer bytes) {
		Utf8Validator validator = new Utf8Validator();
		return validator.update(bytes) && validator.isComplete();
	}

	private static void classify(int from, int to, int byteClass) {
		for (int value = from; value <= to; value++) {
			CLASSES[value] = (byte) byteClass;
		}
	}

	private static void transition(int from, int byteClass, int to) {
		TRANSITIONS[from + byteClass] = (byte) to;
	}

}
