package io.wsboot.engine.testclient;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A frame as read from the server by {@link RawWsClient}, with its exact header bytes.
 *
 * @param header the header bytes as received: first byte, length byte(s), no mask key
 * @param fin whether the FIN bit was set
 * @param rsv the reserved bits as a mask of the first byte
 * @param opcode the 4-bit opcode
 * @param payload the payload
 * @author wsboot
 */
public record ServerFrame(byte[] header, boolean fin, int rsv, int opcode, byte[] payload) {

	/**
	 * Return the payload decoded as strict UTF-8.
	 * @return the text
	 * @throws AssertionError when the server sent invalid UTF-8
	 */
	public String text() {
		return strictUtf8(this.payload);
	}

	/**
	 * Return the size of this frame on the wire: header and payload.
	 * @return the bytes the server sent for this frame
	 */
	public int wireBytes() {
		return this.header.length + this.payload.length;
	}

	/**
	 * Whether this is a close frame.
	 * @return {@code true} for opcode %x8
	 */
	public boolean isClose() {
		return this.opcode == ClientFrames.CLOSE;
	}

	/**
	 * Return the status code of a close frame.
	 * @return the code, or -1 when the payload is empty
	 */
	public int closeCode() {
		if (this.payload.length < 2) {
			return -1;
		}
		return ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
	}

	/**
	 * Return the reason of a close frame.
	 * @return the reason, empty when none
	 */
	public String closeReason() {
		return (this.payload.length <= 2) ? "" : strictUtf8(Arrays.copyOfRange(this.payload, 2, this.payload.length));
	}

	static String strictUtf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new AssertionError("server sent invalid UTF-8: " + HexFormat.ofDelimiter(" ").formatHex(bytes), ex);
		}
	}

	@Override
	public String toString() {
		String shown = (this.payload.length <= 32) ? HexFormat.ofDelimiter(" ").formatHex(this.payload)
				: HexFormat.ofDelimiter(" ").formatHex(this.payload, 0, 32) + " ...";
		return "ServerFrame[fin=" + this.fin + ", rsv=" + this.rsv + ", opcode=" + this.opcode + ", header="
				+ HexFormat.ofDelimiter(" ").formatHex(this.header) + ", payload(" + this.payload.length + ")=" + shown
				+ "]";
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ServerFrame frame) && Arrays.equals(this.header, frame.header)
				&& Arrays.equals(this.payload, frame.payload);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.header) + Arrays.hashCode(this.payload);
	}

}
