package io.wsboot.autoconfigure.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits tag values until a number of distinct ones is reached, then maps every new value
 * to {@value #OTHER}, so that a client cannot create meters without bound.
 */
final class BoundedTagValues {

	/** The tag value of everything past the cap. */
	static final String OTHER = "OTHER";

	private final Set<String> admitted = ConcurrentHashMap.newKeySet();

	private final int maxValues;

	BoundedTagValues(int maxValues) {
		if (maxValues < 1) {
			throw new IllegalArgumentException("maxValues must be at least 1 but was " + maxValues);
		}
		this.maxValues = maxValues;
	}

	String tagValue(String value) {
		if (this.admitted.contains(value)) {
			return value;
		}
		synchronized (this) {
			if (this.admitted.size() < this.maxValues) {
				this.admitted.add(value);
				return value;
			}
		}
		return admittedTagValue(value);
	}

	/**
	 * Return the tag value that {@link #tagValue} gave a value, without admitting it: a
	 * value that was never admitted maps to {@value #OTHER}.
	 */
	String admittedTagValue(String value) {
		return this.admitted.contains(value) ? value : OTHER;
	}

}
