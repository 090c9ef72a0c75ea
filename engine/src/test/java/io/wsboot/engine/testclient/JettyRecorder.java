package io.wsboot.engine.testclient;

import java.nio.ByteBuffer;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A Jetty 12 client endpoint, with Jetty's automatic demand, that records whole messages,
 * pongs, the close and errors. Public because Jetty calls endpoint methods through a
 * public method-handle lookup.
 *
 * @author wsboot
 */
public final class JettyRecorder extends ClientRecorder implements Session.Listener.AutoDemanding {

	private volatile Session session;

	/**
	 * Return the client's session, once open.
	 * @return the session
	 */
	public Session session() {
		return this.session;
	}

	@Override
	public void onWebSocketOpen(Session session) {
		this.session = session;
	}

	@Override
	public void onWebSocketText(String message) {
		recordText(message);
	}

	@Override
	public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
		recordBinary(Bytes.of(payload));
		callback.succeed();
	}

	@Override
	public void onWebSocketPong(ByteBuffer payload) {
		recordPong(Bytes.of(payload));
	}

	@Override
	public void onWebSocketClose(int statusCode, String reason, Callback callback) {
		// Jetty reports a close frame without reason text as a null reason
		recordClose(statusCode, (reason != null) ? reason : "");
		callback.succeed();
	}

	@Override
	public void onWebSocketError(Throwable cause) {
		recordError(cause);
	}

}
