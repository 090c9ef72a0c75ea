package io.wsboot.engine.internal.extension.deflate;

import io.wsboot.engine.PerMessageDeflate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Sources of real zlib streams that remember every stream they created and whether it was
 * ended, so tests can check lazy creation, pooling and release.
 */
final class TrackedStreams {

	final List<TrackedDeflater> deflatersCreated = new ArrayList<>();

	final List<TrackedInflater> inflatersCreated = new ArrayList<>();

	final CompressorPool<Deflater> deflaters;

	final Supplier<Inflater> inflaters = () -> {
		TrackedInflater inflater = new TrackedInflater();
		this.inflatersCreated.add(inflater);
		return inflater;
	};

	TrackedStreams(int maxIdle) {
		this.deflaters = new CompressorPool<>(maxIdle, () -> {
			TrackedDeflater deflater = new TrackedDeflater(PerMessageDeflate.DEFAULT_COMPRESSION_LEVEL);
			this.deflatersCreated.add(deflater);
			return deflater;
		}, Deflater::end);
	}

	PerMessageDeflateCodec codec(boolean serverNoContextTakeover, int compressionThresholdBytes) {
		return new PerMessageDeflateCodec(serverNoContextTakeover, compressionThresholdBytes, this.deflaters,
				this.inflaters);
	}

	static final class TrackedDeflater extends Deflater {

		boolean ended;

		TrackedDeflater(int level) {
			super(level, true);
		}

		@Override
		public void end() {
			this.ended = true;
			super.end();
		}

	}

	static final class TrackedInflater extends Inflater {

		boolean ended;

		TrackedInflater() {
			super(true);
		}

		@Override
		public void end() {
			this.ended = true;
			super.end();
		}

	}

}
