package io.wsboot.engine.internal.extension.deflate;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.extension.PayloadSink;

/**
 * A {@link PayloadSink} that collects a message and enforces a message limit (1009) the
 * way the engine's assembler does, recording what it was offered.
 */
final class LimitedSink implements PayloadSink {

	private final long limitBytes;

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	private long offeredBytes;

	private int largestWriteBytes;

	LimitedSink(long limitBytes) {
		this.limitBytes = limitBytes;
	}

	static LimitedSink unlimited() {
		return new LimitedSink(Integer.MAX_VALUE - 8);
	}

	@Override
	public void write(ByteBuffer bytes) {
		int length = bytes.remaining();
		this.offeredBytes += length;
		this.largestWriteBytes = Math.max(this.largestWriteBytes, length);
		if (this.received.size() + (long) length > this.limitBytes) {
			throw new WsProtocolException(CloseStatus.MESSAGE_TOO_BIG,
					"received message longer than " + this.limitBytes + " bytes");
		}
		byte[] copy = new byte[length];
		bytes.get(copy);
		this.received.writeBytes(copy);
	}

	byte[] bytes() {
		return this.received.toByteArray();
	}

	String text() {
		return this.received.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Return the received message and start collecting the next one.
	 * @return the bytes received since the last call
	 */
	byte[] take() {
		byte[] bytes = this.received.toByteArray();
		this.received.reset();
		return bytes;
	}

	long offeredBytes() {
		return this.offeredBytes;
	}

	int largestWriteBytes() {
		return this.largestWriteBytes;
	}

}
