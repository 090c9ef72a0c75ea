package io.wsboot.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Publishes a node's messages from one thread, in the order they were queued, pipelining
 * whatever has queued up meanwhile. The queue is bounded, so that an unreachable Redis
 * makes publishes fail at once instead of piling up.
 *
 * @author wsboot
 */
final class RedisPublisher {

	private static final Log logger = LogFactory.getLog(RedisPublisher.class);

	/** Most messages published in one pipeline. */
	private static final int MAX_BATCH = 256;

	private final RedisConnectionFactory connectionFactory;

	private final int capacity;

	private final BlockingQueue<Pending> queue;

	private final Thread thread;

	private final AtomicLong published = new AtomicLong();

	private volatile boolean running;

	RedisPublisher(RedisConnectionFactory connectionFactory, int capacity) {
		this.connectionFactory = connectionFactory;
		this.capacity = capacity;
		this.queue = new LinkedBlockingQueue<>(capacity);
		this.thread = new CustomizableThreadFactory("wsboot-cluster-publisher-").newThread(this::run);
		this.thread.setDaemon(true);
	}

	void start() {
		this.running = true;
		this.thread.start();
	}

	/**
	 * Stop taking messages, publish those queued for at most a while, and fail the rest.
	 * @param drainTimeout the longest time to go on publishing
	 */
	void stop(Duration drainTimeout) {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(drainTimeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		List<Pending> left = new ArrayList<>();
		this.queue.drainTo(left);
		IllegalStateException stopped = new IllegalStateException("wsboot cluster node stopped");
		left.forEach((pending) -> pending.future().completeExceptionally(stopped));
	}

	/**
	 * Queue a message.
	 * @param channel the channel
	 * @param body the message
	 * @return completes with the number of subscribers that received it, or fails when it
	 * could not be published or the queue is full
	 */
	CompletableFuture<Long> publish(byte[] channel, byte[] body) {
		if (!this.running) {
			return CompletableFuture.failedFuture(new IllegalStateException("wsboot cluster node is not running"));
		}
		Pending pending = new Pending(channel, body, new CompletableFuture<>());
		if (!this.queue.offer(pending)) {
			return CompletableFuture.failedFuture(new IllegalStateException("wsboot cluster: " + this.capacity
					+ " messages already wait to be published; Redis is slow or unreachable"));
		}
		return pending.future();
	}

	long published() {
		return this.published.get();
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(MAX_BATCH);
		while (this.running || !this.queue.isEmpty()) {
			try {
				Pending first = this.running ? this.queue.take() : this.queue.poll();
				if (first == null) {
					return;
				}
				batch.add(first);
				this.queue.drainTo(batch, MAX_BATCH - 1);
			}
			catch (InterruptedException ex) {
				// stopping: publish what is left without blocking
				continue;
			}
			publish(batch);
			batch.clear();
		}
	}

	private void publish(List<Pending> batch) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.openPipeline();
			for (Pending pending : batch) {
				connection.publish(pending.channel(), pending.body());
			}
			List<Object> results = connection.closePipeline();
			for (int i = 0; i < batch.size(); i++) {
				Object receivers = (i < results.size()) ? results.get(i) : null;
				batch.get(i).future().complete((receivers instanceof Long count) ? count : 0L);
			}
			this.published.addAndGet(batch.size());
		}
		catch (RuntimeException ex) {
			logger.debug("wsboot cluster could not publish " + batch.size() + " message(s)", ex);
			for (Pending pending : batch) {
				pending.future().completeExceptionally(ex);
			}
		}
	}

	private record Pending(byte[] channel, byte[] body, CompletableFuture<Long> future) {

	}

}
