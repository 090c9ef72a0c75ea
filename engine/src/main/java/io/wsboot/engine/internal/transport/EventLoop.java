package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.wsboot.engine.internal.session.TextScratch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread that owns a share of the connections: it reads, decodes,
 * dispatches, flushes write queues once per iteration, and sweeps timeouts. No thread per
 * connection.
 */
final class EventLoop implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(EventLoop.class);

	/**
	 * Size of the read buffer shared by all connections of this loop. It is direct, so
	 * that the JDK reads into it without a copy from a temporary direct buffer, and in
	 * the platform's byte order, so that unmasking it a long at a time needs no byte swap
	 * (the frame decoder reads lengths in network order whatever the buffer's order).
	 */
	static final int READ_BUFFER_BYTES = 64 * 1024;

	/**
	 * Size of the direct buffer that all connections of this loop write from: large
	 * enough for a batch of small frames in one write.
	 */
	static final int WRITE_BUFFER_BYTES = 64 * 1024;

	/** How often timeouts are checked, in nanoseconds: 50 ms. */
	private static final long SWEEP_INTERVAL_NANOS = 50_000_000L;

	private final String name;

	private final Selector selector;

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean wakeupPending = new AtomicBoolean();

	private final List<Connection> dirty = new ArrayList<>();

	private final Consumer<SelectionKey> handler = this::handle;

	/** The view of the read buffer a handler holds right now, if any. */
	private @Nullable ByteBuffer lent;

	/** Queued frames whose payload is a lent view. */
	private final List<LentFrame> lentFrames = new ArrayList<>();

	private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES).order(ByteOrder.nativeOrder());

	private final TextScratch textScratch = new TextScratch();

	private final FrameQueue.WriteBuffer writeBuffer = new FrameQueue.WriteBuffer(WRITE_BUFFER_BYTES);

	private final CountDownLatch terminated = new CountDownLatch(1);

	private volatile boolean running = true;

	private volatile Thread thread;

	private long nextSweepNanos;

	/**
	 * Work for the timeout sweep beyond the connections' own, such as resuming accepts.
	 */
	private volatile @Nullable LongConsumer sweepTask;

	EventLoop(String name) throws IOException {
		this.name = name;
		this.selector = Selector.open();
	}

	/**
	 * Return the loop whose thread is calling.
	 * @return the loop, or {@code null} on any other thread
	 */
	static @Nullable EventLoop current() {
		return (Thread.currentThread() instanceof LoopThread thread) ? thread.loop : null;
	}

	void start() {
		Thread thread = new LoopThread(this, this.name);
		thread.setDaemon(false);
		this.thread = thread;
		thread.start();
	}

	Selector selector() {
		return this.selector;
	}

	ByteBuffer readBuffer() {
		return this.readBuffer;
	}

	/**
	 * Return the buffer connections write their frames from; on the loop thread only.
	 * @return the loop's write buffer
	 */
	FrameQueue.WriteBuffer writeBuffer() {
		return this.writeBuffer;
	}

	/**
	 * Return the array that whole text messages are decoded from; on the loop thread
	 * only.
	 * @return the loop's text scratch
	 */
	TextScratch textScratch() {
		return this.textScratch;
	}

	boolean inLoop() {
		return Thread.currentThread() == this.thread;
	}

	boolean isAlive() {
		Thread thread = this.thread;
		return this.running && thread != null && thread.isAlive();
	}

	/**
	 * Run a task on this loop's thread, soon.
	 * @param task the task
	 */
	void execute(Runnable task) {
		this.tasks.add(task);
		if (!inLoop() && this.wakeupPending.compareAndSet(false, true)) {
			this.selector.wakeup();
		}
	}

	/**
	 * Run a task now when called on this loop's thread, otherwise soon on it.
	 * @param task the task
	 */
	void run(Runnable task) {
		if (inLoop()) {
			task.run();
		}
		else {
			execute(task);
		}
	}

	/**
	 * Ask for a connection's queue to be flushed at the end of this iteration; called on
	 * the loop thread.
	 * @param connection the connection
	 */
	void markDirty(Connection connection) {
		this.dirty.add(connection);
	}

	/**
	 * Set work to run at each timeout sweep, on this loop's thread.
	 * @param sweepTask called with the current {@link System#nanoTime()}
	 */
	void setSweepTask(LongConsumer sweepTask) {
		this.sweepTask = sweepTask;
	}

	/**
	 * Set or clear the view of the read buffer lent to a handler for one call (see
	 * {@link io.wsboot.engine.WsHandler#borrowsBinaryMessages()}); on the loop thread.
	 * @param view the view, or {@code null} once the call returned
	 */
	void lend(@Nullable ByteBuffer view) {
		this.lent = view;
	}

	/**
	 * Return the view of the read buffer a handler holds right now; on the loop thread.
	 * @return the view, or {@code null}
	 */
	@Nullable ByteBuffer lent() {
		return this.lent;
	}

	/**
	 * Remember a queued frame whose payload is the lent view, so that it gets a copy if
	 * it is still unwritten when the read buffer is needed again.
	 * @param frame the frame
	 * @param outbox the outbox it is queued in
	 */
	void lentFrameQueued(QueuedFrame frame, Outbox outbox) {
		this.lentFrames.add(new LentFrame(frame, outbox));
	}

	/**
	 * Make the read buffer free to be read into again: write the frames that borrowed
	 * from it, and copy the payload of those the socket did not take completely. Called
	 * before every read into the buffer.
	 */
	void settleLent() {
		if (this.lentFrames.isEmpty()) {
			return;
		}
		flushDirty();
		for (int i = 0; i < this.lentFrames.size(); i++) {
			LentFrame entry = this.lentFrames.get(i);
			if (!entry.frame().isDone()) {
				entry.outbox().detach(entry.frame());
			}
		}
		this.lentFrames.clear();
	}

	/**
	 * Run a task, such as closing a socket, once the loop's next select has deregistered
	 * a cancelled key. Closed while still registered, the JDK cannot close the descriptor
	 * at once (the selector does it on deregistration) and reads {@code SO_LINGER} and
	 * shuts the output down first, two system calls of the fourteen or so a short session
	 * costs. The queued task makes the next select return at once, so the peer sees the
	 * FIN without waiting for other events, and the task runs in the same iteration as
	 * the select that deregisters the key. Until then the key stays in the selector's key
	 * set, so that a loop that stops in between still finds and closes the connection.
	 * @param key the cancelled key
	 * @param task what to run once it is deregistered, or now if the loop has stopped
	 */
	void afterDeregistration(SelectionKey key, Runnable task) {
		if (key.channel().isRegistered() && isAlive()) {
			execute(() -> afterDeregistration(key, task));
			return;
		}
		task.run();
	}

	/**
	 * Return this loop's connections, from the selector's key set: every connection
	 * registers with the selector when created and its key is cancelled when it finishes,
	 * so a set of our own would cost a node per connection for nothing. A connection that
	 * finished since the last selection may still be listed; it ignores what it is asked
	 * then.
	 * @return a snapshot, on any thread (the key set is safe for concurrent use)
	 */
	List<Connection> connectionsSnapshot() {
		List<Connection> connections = new ArrayList<>();
		try {
			for (SelectionKey key : this.selector.keys()) {
				if (key.attachment() instanceof Connection connection) {
					connections.add(connection);
				}
			}
		}
		catch (ClosedSelectorException ex) {
			// the loop has stopped and closed every connection
		}
		return connections;
	}

	@Override
	public void run() {
		this.nextSweepNanos = System.nanoTime() + SWEEP_INTERVAL_NANOS;
		try {
			while (this.running) {
				runOnce();
			}
		}
		finally {
			closeAll();
			this.terminated.countDown();
		}
	}

	private void runOnce() {
		try {
			long waitMillis = Math.max(1, (this.nextSweepNanos - System.nanoTime()) / 1_000_000L);
			// the ready keys are handed to handle() as the selector finds them: no
			// selected-key set to fill, iterate and clear
			if (this.tasks.isEmpty()) {
				this.selector.select(this.handler, waitMillis);
			}
			else {
				this.selector.selectNow(this.handler);
			}
			this.wakeupPending.set(false);
			runTasks();
			flushDirty();
			long now = System.nanoTime();
			if (now - this.nextSweepNanos >= 0) {
				this.nextSweepNanos = now + SWEEP_INTERVAL_NANOS;
				for (Connection connection : connectionsSnapshot()) {
					connection.checkTimeouts(now);
				}
				LongConsumer sweepTask = this.sweepTask;
				if (sweepTask != null) {
					sweepTask.accept(now);
				}
				flushDirty();
			}
		}
		catch (Throwable ex) {
			// One connection's failure must never stop the loop that serves the others
			logger.error("Unexpected error in {}", this.name, ex);
		}
	}

	private void handle(SelectionKey key) {
		Object attachment = key.attachment();
		try {
			if (attachment instanceof Acceptor acceptor) {
				acceptor.accept();
			}
			else if (attachment instanceof Connection connection) {
				if (key.isValid() && key.isWritable()) {
					connection.flush();
				}
				if (key.isValid() && key.isReadable()) {
					connection.read();
					// answer what this read produced while its bytes are still in the
					// cache: at the end of the iteration, after every other connection's
					// messages, they would be read back from memory
					flushDirty();
				}
			}
		}
		catch (CancelledKeyException ex) {
			// closed while being processed: nothing left to do
		}
	}

	private void runTasks() {
		Runnable task;
		int budget = this.tasks.size();
		while (budget-- > 0 && (task = this.tasks.poll()) != null) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.error("Task failed in {}", this.name, ex);
			}
		}
	}

	private void flushDirty() {
		for (int i = 0; i < this.dirty.size(); i++) {
			this.dirty.get(i).flush();
		}
		this.dirty.clear();
	}

	private void closeAll() {
		for (Connection connection : connectionsSnapshot()) {
			connection.abort();
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			logger.debug("Closing selector of {} failed", this.name, ex);
		}
	}

	/**
	 * Stop the loop, closing whatever connections remain, and wait for its thread.
	 * @throws InterruptedException when interrupted while waiting
	 */
	void shutdown() throws InterruptedException {
		this.running = false;
		this.selector.wakeup();
		if (!inLoop()) {
			this.terminated.await();
		}
	}

	/**
	 * A queued frame whose payload is a view of the read buffer, and the outbox it is
	 * queued in.
	 */
	private record LentFrame(QueuedFrame frame, Outbox outbox) {

	}

	/**
	 * The thread of an event loop, so that code running on it finds its loop without a
	 * thread-local.
	 */
	private static final class LoopThread extends Thread {

		private final EventLoop loop;

		LoopThread(EventLoop loop, String name) {
			super(loop, name);
			this.loop = loop;
		}

	}

}
