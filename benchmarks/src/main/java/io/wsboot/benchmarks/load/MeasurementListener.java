package io.wsboot.benchmarks.load;

/**
 * Told when the measured period of a scenario starts and ends, on the generator's thread,
 * so that the harness can sample the server's CPU time over exactly that period.
 *
 * @author wsboot
 */
public interface MeasurementListener {

	/** Does nothing. */
	MeasurementListener NONE = new MeasurementListener() {
	};

	/**
	 * Called before {@link #started()} when the load comes from another process than this
	 * JVM (the C storm client), so that its CPU time is sampled instead.
	 * @param pid the load generator's process id
	 */
	default void loadGeneratorProcess(long pid) {
	}

	/**
	 * Called when measuring starts.
	 */
	default void started() {
	}

	/**
	 * Called when measuring ends.
	 */
	default void ended() {
	}

}
