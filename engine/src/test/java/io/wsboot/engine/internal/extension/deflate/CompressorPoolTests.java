package io.wsboot.engine.internal.extension.deflate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CompressorPool}.
 */
class CompressorPoolTests {

	private final AtomicInteger created = new AtomicInteger();

	private final List<Integer> ended = new ArrayList<>();

	private CompressorPool<Integer> pool(int maxIdle) {
		return new CompressorPool<>(maxIdle, this.created::incrementAndGet, this.ended::add);
	}

	@Test
	void borrowCreatesWhenNoneIdle() {
		CompressorPool<Integer> pool = pool(2);
		assertThat(pool.borrow()).isEqualTo(1);
		assertThat(pool.borrow()).isEqualTo(2);
	}

	@Test
	void givenBackStreamIsReused() {
		CompressorPool<Integer> pool = pool(2);
		Integer stream = pool.borrow();
		pool.giveBack(stream);
		assertThat(pool.borrow()).isSameAs(stream);
		assertThat(this.created).hasValue(1);
	}

	@Test
	void streamsBeyondMaxIdleAreEnded() {
		CompressorPool<Integer> pool = pool(2);
		Integer a = pool.borrow();
		Integer b = pool.borrow();
		Integer c = pool.borrow();
		pool.giveBack(a);
		pool.giveBack(b);
		pool.giveBack(c);
		assertThat(pool.idleCount()).isEqualTo(2);
		assertThat(this.ended).containsExactly(c);
	}

	@Test
	void zeroMaxIdleEndsEverything() {
		CompressorPool<Integer> pool = pool(0);
		pool.giveBack(pool.borrow());
		assertThat(pool.idleCount()).isZero();
		assertThat(this.ended).containsExactly(1);
	}

	@Test
	void negativeMaxIdleIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> pool(-1))
			.withMessage("maxIdle must not be negative but was -1");
	}

}
