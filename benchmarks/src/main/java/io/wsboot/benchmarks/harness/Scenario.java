package io.wsboot.benchmarks.harness;

import java.util.List;

/**
 * One scenario of the side-by-side run, the same for every server.
 *
 * @param id the identifier used in the JSON results
 * @param title the heading of its table
 * @param type what the load generator does
 * @param connections connections open at once
 * @param inFlight messages outstanding per connection (echo only)
 * @param payloadBytes message size (echo only)
 * @param text whether messages are text (echo only)
 * @author wsboot
 */
public record Scenario(String id, String title, Type type, int connections, int inFlight, int payloadBytes,
		boolean text) {

	/** Connections opening at once in the handshake storm. */
	static final int STORM_CONCURRENCY = 32;

	/**
	 * What the load generator does in a scenario.
	 */
	public enum Type {

		/** Echo messages and measure throughput and latency. */
		ECHO,

		/** Hold connections open and measure the server's memory per connection. */
		IDLE,

		/** Open and close sessions as fast as the server takes them. */
		STORM

	}

	/**
	 * Return the scenarios of the full run, in the order they run. Idle runs first, on a
	 * fresh JVM, so that its resident-memory growth is not hidden by heap already
	 * committed by the echo scenarios.
	 * @return the scenarios
	 */
	public static List<Scenario> full() {
		return List.of(idle(10_000), echo(100, 1, 64, true), echo(100, 16, 64, true), echo(100, 8, 4096, false),
				echo(10, 4, 64 * 1024, false), echo(2_000, 1, 64, true), storm());
	}

	/**
	 * Return small versions of the same scenarios, for the smoke pass.
	 * @return the scenarios
	 */
	public static List<Scenario> smoke() {
		return List.of(idle(50), echo(4, 4, 64, true), echo(4, 4, 4096, false), echo(2, 2, 64 * 1024, false), storm());
	}

	static Scenario echo(int connections, int inFlight, int payloadBytes, boolean text) {
		String size = (payloadBytes >= 1024) ? (payloadBytes / 1024) + " KiB" : payloadBytes + " B";
		String sizeId = (payloadBytes >= 1024) ? (payloadBytes / 1024) + "k" : Integer.toString(payloadBytes);
		String kind = text ? "text" : "binary";
		return new Scenario(
				"echo-" + sizeId + "-" + kind + "-c" + connections + "-f" + inFlight, "Echo " + size + " " + kind + ", "
						+ String.format("%,d", connections) + " connections, " + inFlight + " in flight",
				Type.ECHO, connections, inFlight, payloadBytes, text);
	}

	static Scenario idle(int connections) {
		return new Scenario("idle-c" + connections, String.format("%,d", connections) + " idle connections", Type.IDLE,
				connections, 0, 0, false);
	}

	static Scenario storm() {
		return new Scenario("storm", "Handshake storm, " + STORM_CONCURRENCY + " sessions opening at once", Type.STORM,
				STORM_CONCURRENCY, 0, 0, false);
	}

}
