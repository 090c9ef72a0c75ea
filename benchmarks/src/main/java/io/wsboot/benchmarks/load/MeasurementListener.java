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
