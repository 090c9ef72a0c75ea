package io.wsboot.engine;

import org.jspecify.annotations.Nullable;

/**
 * The frame opcodes defined by RFC 6455 §5.2 and §11.8.
 *
 * @author wsboot
 */
public enum OpCode {

	/** A continuation of a fragmented message (%x0). */
	CONTINUATION(0x0),

	/** The first frame of a text message (%x1). */
	TEXT(0x1),

	/** The first frame of a binary message (%x2). */
	BINARY(0x2),

	/** A close frame (%x8). */
	CLOSE(0x8),

	/** A ping frame (%x9). */
	PING(0x9),

	/** A pong frame (%xA). */
	PONG(0xA);

	private static final @Nullable OpCode[] BY_CODE = new OpCode[16];

	static {
		for (OpCode opCode : values()) {
			BY_CODE[opCode.code] = opCode;
		}
	}

	private final int code;

	OpCode(int code) {
		this.code = code;
	}

	/**
	 * Return the 4-bit value of this opcode on the wire.
	 * @return the opcode value
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Whether this is a control opcode (RFC 6455 §5.5: the most significant opcode bit is
	 * set).
	 * @return {@code true} for close, ping and pong
	 */
	public boolean isControl() {
		return (this.code & 0x8) != 0; // 1000
	}

	/**
	 * Return the opcode for a 4-bit wire value.
	 * @param code the value of the opcode bits
	 * @return the opcode, or {@code null} when the value is reserved (RFC 6455 §5.2:
	 * %x3-7 and %xB-F)
	 */
	public static @Nullable OpCode fromCode(int code) {
		return (code < 0 || code > 15) ? null : BY_CODE[code];
	}

}
