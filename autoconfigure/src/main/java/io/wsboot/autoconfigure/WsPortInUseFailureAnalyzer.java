package io.wsboot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link WsPortInUseException}: the wsboot port is taken, and
 * {@code wsboot.server.port} moves it.
 *
 * @author wsboot
 */
class WsPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<WsPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WsPortInUseException cause) {
		int port = cause.getPort();
		String description = "The wsboot WebSocket server could not listen on "
				+ WsPortInUseException.describe(cause.getAddress(), port) + " (wsboot.server.port=" + port
				+ "): the port is already in use.";
		String action = "Identify and stop the process that is listening on port " + port
				+ ", or configure wsboot to listen on another port with wsboot.server.port (0 picks a free port, "
				+ "published as local.wsboot.port). wsboot's port must also differ from the web server's "
				+ "(server.port).";
		return new FailureAnalysis(description, action, cause);
	}

}
