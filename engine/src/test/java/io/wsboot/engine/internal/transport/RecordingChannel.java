package io.wsboot.engine.internal.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * Records what it is given, taking at most a few bytes per write and at most a total
 * before it reports a full send buffer: a socket whose peer reads slowly, for the
 * outbound queue's tests.
 */
final class RecordingChannel implements GatheringByteChannel {

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	private final int bytesPerWrite;

	private long budget = Long.MAX_VALUE;

	int writes;

	int maxBuffers;

	long maxBytesPerWrite;

	RecordingChannel(int bytesPerWrite) {
		this.bytesPerWrite = bytesPerWrite;
	}

	/** Take at most this many more bytes, then report the socket full. */
	RecordingChannel full(long budget) {
		this.budget = budget;
		return this;
	}

	byte[] bytes() {
		return this.received.toByteArray();
	}

	@Override
	public long write(ByteBuffer[] sources, int offset, int length) {
		this.writes++;
		long offered = 0;
		int buffers = 0;
		for (int i = offset; i < offset + length; i++) {
			offered += sources[i].remaining();
			buffers += sources[i].hasRemaining() ? 1 : 0;
		}
		this.maxBuffers = Math.max(this.maxBuffers, buffers);
		this.maxBytesPerWrite = Math.max(this.maxBytesPerWrite, offered);
		long take = Math.min(Math.min(this.bytesPerWrite, this.budget), offered);
		this.budget -= take;
		long written = 0;
		for (int i = offset; i < offset + length && written < take; i++) {
			int n = (int) Math.min(take - written, sources[i].remaining());
			byte[] chunk = new byte[n];
			sources[i].get(chunk);
			this.received.writeBytes(chunk);
			written += n;
		}
		return written;
	}

	@Override
	public long write(ByteBuffer[] sources) {
		return write(sources, 0, sources.length);
	}

	@Override
	public int write(ByteBuffer source) {
		return (int) write(new ByteBuffer[] { source }, 0, 1);
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public void close() {
	}

}
