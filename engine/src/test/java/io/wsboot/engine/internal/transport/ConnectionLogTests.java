package io.wsboot.engine.internal.transport;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectionLog}, on a real logback logger and an explicit clock.
 */
class ConnectionLogTests {

	private static final long WINDOW_NANOS = 1_000_000_000L;

	private final Logger logger = (Logger) LoggerFactory.getLogger(ConnectionLogTests.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final ConnectionLog log = new ConnectionLog(this.logger, 3, WINDOW_NANOS, 0);

	@BeforeEach
	void attach() {
		this.logger.setLevel(Level.INFO);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void detach() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(null);
	}

	@Test
	void letsThroughTheFirstLinesOfAWindowAndCountsTheRest() {
		for (int i = 0; i < 10; i++) {
			this.log.info(i, "line {}", i);
		}
		assertThat(messages()).containsExactly("line 0", "line 1", "line 2");
	}

	@Test
	void reportsTheLinesHeldBackOnceTheWindowIsOver() {
		for (int i = 0; i < 10; i++) {
			this.log.info(i, "line {}", i);
		}
		this.log.tick(WINDOW_NANOS - 1);
		assertThat(messages()).hasSize(3);
		this.log.tick(WINDOW_NANOS);
		assertThat(messages()).containsExactly("line 0", "line 1", "line 2",
				"Held back 7 more log line(s) about single connections (at most 3 per 1000 ms)");
		this.log.tick(3 * WINDOW_NANOS);
		assertThat(messages()).hasSize(4);
	}

	@Test
	void reportsTheLinesHeldBackBeforeTheFirstLineOfTheNextWindow() {
		for (int i = 0; i < 5; i++) {
			this.log.info(i, "early {}", i);
		}
		this.log.info(WINDOW_NANOS + 5, "late");
		assertThat(messages()).containsExactly("early 0", "early 1", "early 2",
				"Held back 2 more log line(s) about single connections (at most 3 per 1000 ms)", "late");
	}

	@Test
	void saysNothingMoreWhenNothingWasHeldBack() {
		this.log.info(0, "only");
		this.log.tick(2 * WINDOW_NANOS);
		this.log.info(2 * WINDOW_NANOS + 1, "next");
		assertThat(messages()).containsExactly("only", "next");
	}

	@Test
	void countsNothingWhileInfoIsOff() {
		this.logger.setLevel(Level.WARN);
		for (int i = 0; i < 10; i++) {
			this.log.info(i, "line {}", i);
		}
		this.logger.setLevel(Level.INFO);
		this.log.tick(WINDOW_NANOS);
		assertThat(messages()).isEmpty();
	}

	private List<String> messages() {
		return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

}
