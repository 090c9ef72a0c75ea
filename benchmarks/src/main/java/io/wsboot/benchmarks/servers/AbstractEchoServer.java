package io.wsboot.benchmarks.servers;

import org.jspecify.annotations.Nullable;

/**
 * The lifecycle the echo servers share: {@link #start(int)} hands the object that runs
 * the server (a Jetty {@code Server}, a Spring context...) to {@link #stopOnClose} as
 * soon as there is something to stop, and {@link #close()} stops it.
 *
 * @param <S> the type of the object that runs the server
 * @author wsboot
 */
abstract class AbstractEchoServer<S> implements EchoServer {

	private @Nullable S running;

	/**
	 * Remember the object that runs the server, so that {@link #close()} stops it.
	 * @param running the object
	 * @return the same object
	 */
	protected final S stopOnClose(S running) {
		this.running = running;
		return running;
	}

	/**
	 * Stop the server.
	 * @param running the object given to {@link #stopOnClose}
	 * @throws Exception when the server does not stop
	 */
	protected abstract void stop(S running) throws Exception;

	@Override
	public String transport() {
		return "NIO";
	}

	@Override
	public final void close() {
		S running = this.running;
		if (running != null) {
			try {
				stop(running);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				throw new IllegalStateException(getClass().getSimpleName() + " did not stop", ex);
			}
		}
	}

}
