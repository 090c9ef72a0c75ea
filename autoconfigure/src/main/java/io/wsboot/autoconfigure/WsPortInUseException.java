package io.wsboot.autoconfigure;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/**
 * The wsboot server could not bind its port ({@code wsboot.server.port}) because another
 * process, or another server of this application, already listens on it. Thrown when the
 * application context starts; Spring Boot reports it as a failure analysis that names the
 * property.
 *
 * @author wsboot
 */
public class WsPortInUseException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final @Nullable InetAddress address;

	private final int port;

	/**
	 * Create an exception.
	 * @param address the address the server tried to listen on, {@code null} for all
	 * @param port the port that is in use
	 * @param cause the failure to bind
	 */
	public WsPortInUseException(@Nullable InetAddress address, int port, Throwable cause) {
		super("wsboot could not listen on " + describe(address, port) + ": the port is already in use", cause);
		this.address = address;
		this.port = port;
	}

	/**
	 * Return the address that the server tried to listen on.
	 * @return the address, {@code null} for all addresses
	 */
	public @Nullable InetAddress getAddress() {
		return this.address;
	}

	/**
	 * Return the port that is in use.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	static String describe(@Nullable InetAddress address, int port) {
		return ((address != null) ? address.getHostAddress() : "*") + ":" + port;
	}

}
