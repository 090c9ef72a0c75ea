package io.wsboot.benchmarks.servers;

import java.util.Locale;
import java.util.function.Supplier;

import io.wsboot.endpoint.annotation.Dispatch;

/**
 * The WebSocket stacks the harness compares, each with its echo server.
 *
 * @author wsboot
 */
public enum ServerKind {

	/** Netty 4.2, the reference every ratio is taken against. */
	NETTY("Netty 4.2", NettyEchoServer::new),

	/** Jetty 12.1's WebSocket server. */
	JETTY("Jetty 12.1", JettyEchoServer::new),

	/** Spring WebSocket on Tomcat, what Spring Boot users pick instead of wsboot. */
	SPRING_TOMCAT("Spring WebSocket on Tomcat", SpringTomcatEchoServer::new),

	/** Java-WebSocket 1.6.0. */
	JAVA_WEBSOCKET("Java-WebSocket 1.6", JavaWebSocketEchoServer::new),

	/** The bare wsboot engine. */
	WSBOOT("wsboot engine", () -> new WsbootEngineEchoServer(false)),

	/**
	 * The bare wsboot engine with a handler that opts in to borrowed binary messages
	 * ({@code WsHandler.borrowsBinaryMessages()}): echoed without a copy per message, as
	 * Netty's echo handler sends back the frame it received.
	 */
	WSBOOT_BORROWING("wsboot engine, borrowed binary messages", () -> new WsbootEngineEchoServer(true)),

	/**
	 * wsboot through its Spring layer, with metrics; the echo endpoint does not block, so
	 * it runs on the event loops ({@code Dispatch.EVENT_LOOP}).
	 */
	WSBOOT_SPRING("wsboot Spring layer", () -> new WsbootSpringEchoServer(Dispatch.EVENT_LOOP)),

	/**
	 * wsboot through its Spring layer, with metrics and the default dispatch: every
	 * message handed to the handler executor.
	 */
	WSBOOT_SPRING_EXECUTOR("wsboot Spring layer, executor dispatch",
			() -> new WsbootSpringEchoServer(Dispatch.EXECUTOR));

	private final String label;

	private final Supplier<EchoServer> factory;

	ServerKind(String label, Supplier<EchoServer> factory) {
		this.label = label;
		this.factory = factory;
	}

	/**
	 * Return the name shown in reports.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Return the name used on command lines, such as {@code spring-tomcat}.
	 * @return the id
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Create a new, unstarted server.
	 * @return the server
	 */
	public EchoServer create() {
		return this.factory.get();
	}

	/**
	 * Return the kind with the given id.
	 * @param id the id, such as {@code netty}
	 * @return the kind
	 * @throws IllegalArgumentException when no kind has that id
	 */
	public static ServerKind fromId(String id) {
		for (ServerKind kind : values()) {
			if (kind.id().equals(id)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("unknown server '" + id + "'");
	}

}
