package io.wsboot.autoconfigure;

import io.wsboot.engine.WsServer;

import org.springframework.context.ApplicationEvent;

/**
 * Published when the wsboot server is listening; {@link #getPort()} is the bound port,
 * useful when {@code wsboot.server.port=0}. The port is also in the environment as
 * {@code local.wsboot.port}.
 *
 * @author wsboot
 */
public class WsServerStartedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final int port;

	/**
	 * Create an event.
	 * @param server the started server
	 */
	public WsServerStartedEvent(WsServer server) {
		super(server);
		this.port = server.port();
	}

	/**
	 * Return the started server.
	 * @return the server
	 */
	public WsServer getServer() {
		return (WsServer) getSource();
	}

	/**
	 * Return the bound port.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

}
