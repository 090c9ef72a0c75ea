package io.wsboot.endpoint.annotation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs one session's tasks one at a time, in submission order, on a shared executor, so
 * that handler methods never run on an event loop and never overlap for a session. The
 * messages of one read are {@link #enqueue queued} as they come and handed to the
 * executor {@link #submitQueued once}: one hand-off, and one thread wake-up, per batch
 * rather than per message. It is its own drain task, so that a hand-off allocates
 * nothing.
 *
 * @author wsboot
 */
final class SerialExecutor implements Executor, Runnable {

	/** Tasks run in one go before the thread is handed back, for fairness. */
	private static final int MAX_TASKS_PER_TURN = 64;

	private static final Log logger = LogFactory.getLog(SerialExecutor.class);

	private static final VarHandle SCHEDULED;

	static {
		try {
			SCHEDULED = MethodHandles.lookup().findVarHandle(SerialExecutor.class, "scheduled", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Executor delegate;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/**
	 * Whether a drain is scheduled or running; set with {@link #SCHEDULED}, so that a
	 * session holds no atomic object for it.
	 */
	private volatile boolean scheduled;

	SerialExecutor(Executor delegate) {
		this.delegate = delegate;
	}

	@Override
	public void execute(Runnable task) {
		this.tasks.add(task);
		schedule();
	}

	/**
	 * Queue a task without handing the queue to the executor yet: the caller calls
	 * {@link #submitQueued()} once it has queued its batch.
	 * @param task the task
	 */
	void enqueue(Runnable task) {
		this.tasks.add(task);
	}

	/**
	 * Hand the queued tasks to the executor, unless a drain is scheduled or running
	 * already, which takes them too.
	 */
	void submitQueued() {
		if (!this.scheduled && !this.tasks.isEmpty()) {
			schedule();
		}
	}

	/**
	 * Drain the queue; what the executor runs.
	 */
	@Override
	public void run() {
		drain();
	}

	private void schedule() {
		if (!SCHEDULED.compareAndSet(this, false, true)) {
			return;
		}
		try {
			this.delegate.execute(this);
		}
		catch (RejectedExecutionException ex) {
			// only while the application shuts down: better late on this thread than lost
			logger.debug("Handler executor rejected a task, running it on the calling thread", ex);
			drain();
		}
	}

	private void drain() {
		try {
			for (int i = 0; i < MAX_TASKS_PER_TURN; i++) {
				Runnable task = this.tasks.poll();
				if (task == null) {
					break;
				}
				try {
					task.run();
				}
				catch (Throwable ex) {
					logger.error("Session task failed", ex);
				}
			}
		}
		finally {
			this.scheduled = false;
			if (!this.tasks.isEmpty()) {
				schedule();
			}
		}
	}

}
