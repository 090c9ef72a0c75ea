package io.wsboot.engine;

/**
 * Who started the closing of a connection.
 *
 * @author wsboot
 */
public enum CloseInitiator {

	/** The server sent the first close frame, or failed the connection. */
	SERVER,

	/** The client sent the first close frame. */
	CLIENT,

	/** The TCP connection ended without a close handshake. */
	NONE

}
