package io.wsboot.endpoint.annotation;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.wsboot.endpoint.annotation.EndpointMethod.Kind;
import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.endpoint.codec.MessageDecodingException;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.endpoint.session.Messages;
import io.wsboot.endpoint.session.SessionRegistry;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.WsSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The engine handler of a {@code @WsEndpoint} bean. Called on an event loop, it either
 * queues each event on the session's {@link SerialExecutor}, so that handler methods run
 * on the handler executor, or, for {@link Dispatch#EVENT_LOOP}, calls them right there.
 * Either way they run one at a time per session and in the order the frames arrived, with
 * {@code @OnClose} after every message received before the close. The endpoint session
 * (and its queue, with executor dispatch) lives in the session's attachment slot, so that
 * a message costs no lookup.
 * <p>
 * Two orderings hold with either dispatch. The 101 response waits for {@code @OnOpen}
 * (the engine holds it, at most the handshake timeout), and an exception there refuses
 * the upgrade. When the peer breaks the protocol, the close frame waits, at most the
 * close timeout, until the messages received before are handled, so that their replies go
 * first.
 *
 * @author wsboot
 */
final class AnnotatedEndpointHandler implements WsHandler {

	private static final Log logger = LogFactory.getLog(AnnotatedEndpointHandler.class);

	/**
	 * What a handler method denied by Spring Security closes with when there is no
	 * {@code @OnError} method for it. RFC 6455 §7.4.1: 1008 is for a message that
	 * violates the server's policy.
	 */
	private static final CloseStatus ACCESS_DENIED = new CloseStatus(1008, "access denied");

	/** Spring Security's AccessDeniedException, when it is on the class path. */
	private static final @Nullable Class<?> ACCESS_DENIED_EXCEPTION = resolve(
			"org.springframework.security.access.AccessDeniedException");

	private final String beanName;

	private final Object bean;

	private final EndpointMethods methods;

	private final SessionRegistry registry;

	/** The handler executor, or {@code null} to run the methods on the event loop. */
	private final @Nullable Executor executor;

	private final @Nullable JsonCodec codec;

	/** Applied around every method call, first outermost; most often none. */
	private final EndpointInvocationInterceptor[] interceptors;

	/**
	 * Create the handler of one endpoint bean.
	 * @param beanName the bean's name, for messages
	 * @param bean the bean
	 * @param methods its handler methods
	 * @param registry where sessions are registered
	 * @param dispatch {@link Dispatch#EXECUTOR} or {@link Dispatch#EVENT_LOOP}
	 * @param executor the handler executor, used with {@link Dispatch#EXECUTOR}
	 * @param codec the JSON codec, or {@code null} when none is available
	 * @param interceptors applied around every method call, in order
	 */
	AnnotatedEndpointHandler(String beanName, Object bean, EndpointMethods methods, SessionRegistry registry,
			Dispatch dispatch, Executor executor, @Nullable JsonCodec codec,
			List<EndpointInvocationInterceptor> interceptors) {
		if (dispatch == Dispatch.DEFAULT) {
			throw new IllegalArgumentException("dispatch must be resolved to EXECUTOR or EVENT_LOOP");
		}
		this.beanName = beanName;
		this.bean = bean;
		this.methods = methods;
		this.registry = registry;
		this.executor = (dispatch == Dispatch.EVENT_LOOP) ? null : executor;
		this.codec = codec;
		this.interceptors = interceptors.toArray(new EndpointInvocationInterceptor[0]);
	}

	@Override
	public void onOpen(WsSession session) {
		EndpointSession endpointSession = this.registry.register(session);
		SerialExecutor queue = (this.executor != null) ? new SerialExecutor(this.executor) : null;
		// on the event loop the endpoint session alone is attached: no holder per session
		session.attach((queue != null) ? new QueuedSession(endpointSession, queue) : endpointSession);
		EndpointMethod onOpen = this.methods.open();
		if (onOpen == null) {
			return;
		}
		if (queue == null) {
			try {
				invoke(onOpen, endpointSession, InvocationContext.of(endpointSession));
			}
			catch (SetupFailedException ex) {
				session.deferOpen(CompletableFuture.failedFuture(ex.getCause()));
			}
			return;
		}
		// the engine writes the 101 once @OnOpen has returned, so that a client that sees
		// the connection open can rely on what @OnOpen set up (a group joined, say)
		CompletableFuture<Void> setUp = new CompletableFuture<>();
		session.deferOpen(setUp);
		queue.execute(() -> {
			try {
				invoke(onOpen, endpointSession, InvocationContext.of(endpointSession));
				setUp.complete(null);
			}
			catch (SetupFailedException ex) {
				setUp.completeExceptionally(ex.getCause());
			}
		});
	}

	@Override
	public void onText(WsSession session, String text) {
		onMessage(session.attachment(), this.methods.text(), text, "text");
	}

	@Override
	public void onBinary(WsSession session, ByteBuffer data) {
		onMessage(session.attachment(), this.methods.binary(), data, "binary");
	}

	@Override
	public void onReadComplete(WsSession session) {
		SerialExecutor queue = queue(session.attachment());
		if (queue != null) {
			queue.submitQueued();
		}
	}

	@Override
	public void onPong(WsSession session, ByteBuffer payload) {
		Object attachment = session.attachment();
		EndpointSession endpointSession = endpointSession(attachment);
		if (endpointSession != null && this.methods.pong() != null) {
			run(queue(attachment), () -> invoke(this.methods.pong(), endpointSession,
					InvocationContext.message(endpointSession, payload)));
		}
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		Object attachment = session.attachment();
		EndpointSession endpointSession = endpointSession(attachment);
		if (endpointSession == null) {
			return;
		}
		SerialExecutor queue = queue(attachment);
		// RFC 6455 §7.1.7: the messages queued before the violation are answered before
		// the close frame, which the engine holds until this task has run
		CompletableFuture<Void> handled = (queue != null && error instanceof WsProtocolException)
				? new CompletableFuture<>() : null;
		if (handled != null) {
			session.deferFailure(handled);
		}
		run(queue, () -> {
			try {
				EndpointMethod onError = this.methods.error();
				if (onError != null && onError.handlesError(error)) {
					invoke(onError, endpointSession, InvocationContext.error(endpointSession, error));
				}
				else if (logger.isDebugEnabled()) {
					logger.debug("Session " + session.id() + " of @WsEndpoint bean '" + this.beanName + "' failed",
							error);
				}
			}
			finally {
				if (handled != null) {
					handled.complete(null);
				}
			}
		});
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		Object attachment = session.attachment();
		EndpointSession endpointSession = endpointSession(attachment);
		if (endpointSession == null) {
			return;
		}
		session.attach(null);
		run(queue(attachment), () -> {
			this.registry.unregister(endpointSession);
			try {
				invoke(this.methods.close(), endpointSession, InvocationContext.closed(endpointSession, status));
			}
			finally {
				this.registry.completed(endpointSession);
			}
		});
	}

	private static @Nullable EndpointSession endpointSession(@Nullable Object attachment) {
		if (attachment instanceof EndpointSession endpointSession) {
			return endpointSession;
		}
		return (attachment instanceof QueuedSession queued) ? queued.session() : null;
	}

	private static @Nullable SerialExecutor queue(@Nullable Object attachment) {
		return (attachment instanceof QueuedSession queued) ? queued.queue() : null;
	}

	private static void run(@Nullable SerialExecutor queue, Runnable task) {
		if (queue == null) {
			task.run();
		}
		else {
			queue.execute(task);
		}
	}

	private void onMessage(@Nullable Object attachment, @Nullable EndpointMethod method, Object message, String type) {
		EndpointSession endpointSession = endpointSession(attachment);
		if (endpointSession == null) {
			return;
		}
		SerialExecutor queue = queue(attachment);
		if (queue == null) {
			// called directly rather than through run(): no lambda captured per message
			// on the event loop
			deliver(endpointSession, method, message, type);
		}
		else {
			// handed to the executor with the rest of this read's messages, by
			// onReadComplete
			queue.enqueue(() -> deliver(endpointSession, method, message, type));
		}
	}

	private void deliver(EndpointSession session, @Nullable EndpointMethod method, Object message, String type) {
		if (method == null) {
			// RFC 6455 §7.4.1: 1003 tells the peer that this type of data cannot be
			// accepted
			session.unwrap().close(new CloseStatus(1003, type + " messages are not accepted"));
			return;
		}
		invoke(method, session, InvocationContext.message(session, message));
	}

	private void invoke(@Nullable EndpointMethod method, EndpointSession session, InvocationContext context) {
		if (method == null) {
			return;
		}
		try {
			Object result = (this.interceptors.length == 0) ? method.invoke(this.bean, context)
					: new InterceptedInvocation(this.interceptors, this.bean, method, context).proceed();
			if (result != null) {
				Messages.send(session.unwrap(), result, this.codec);
			}
		}
		catch (MessageDecodingException ex) {
			// RFC 6455 §7.4.1: 1007 is for data inconsistent with the type of the message
			failed(method, session, ex, CloseStatus.INVALID_PAYLOAD.withReason("cannot decode message"));
		}
		catch (Throwable ex) {
			failed(method, session, ex, isAccessDenied(ex) ? ACCESS_DENIED : CloseStatus.INTERNAL_ERROR);
		}
	}

	private static boolean isAccessDenied(Throwable error) {
		return ACCESS_DENIED_EXCEPTION != null && ACCESS_DENIED_EXCEPTION.isInstance(error);
	}

	private static @Nullable Class<?> resolve(String className) {
		ClassLoader classLoader = AnnotatedEndpointHandler.class.getClassLoader();
		return ClassUtils.isPresent(className, classLoader) ? ClassUtils.resolveClassName(className, classLoader)
				: null;
	}

	private void failed(EndpointMethod method, EndpointSession session, Throwable error, CloseStatus closeWith) {
		if (method.kind() == Kind.OPEN) {
			// the 101 is not written yet: the upgrade is refused instead
			if (error instanceof WsHandshakeException refusal) {
				if (logger.isDebugEnabled()) {
					logger.debug(method + " of @WsEndpoint bean '" + this.beanName + "' refused session " + session.id()
							+ " with " + refusal.httpStatus() + ": " + refusal.getMessage());
				}
			}
			else {
				logger.error(method + " of @WsEndpoint bean '" + this.beanName + "' failed for session " + session.id()
						+ ": refusing the upgrade with 500", error);
			}
			throw new SetupFailedException(error);
		}
		EndpointMethod onError = this.methods.error();
		if (method.kind() != Kind.ERROR && method.kind() != Kind.CLOSE && onError != null
				&& onError.handlesError(error)) {
			invoke(onError, session, InvocationContext.error(session, error));
			return;
		}
		if (closeWith.code() == CloseStatus.INVALID_PAYLOAD.code() || closeWith == ACCESS_DENIED) {
			if (logger.isDebugEnabled()) {
				logger
					.debug("Closing session " + session.id() + " with " + closeWith.code() + ": " + error.getMessage());
			}
		}
		else {
			logger.error(method + " of @WsEndpoint bean '" + this.beanName + "' failed for session " + session.id(),
					error);
		}
		if (method.kind() != Kind.CLOSE) {
			session.unwrap().close(closeWith);
		}
	}

	/**
	 * Carries the exception of an {@code @OnOpen} method out of {@link #invoke}, so that
	 * the upgrade is refused.
	 */
	private static final class SetupFailedException extends RuntimeException {

		SetupFailedException(Throwable cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

	/**
	 * What the handler keeps in a session's attachment slot when its methods run on the
	 * handler executor; with {@link Dispatch#EVENT_LOOP} the endpoint session itself is
	 * kept there.
	 *
	 * @param session the endpoint session
	 * @param queue the session's serial queue on the handler executor
	 */
	private record QueuedSession(EndpointSession session, SerialExecutor queue) {

	}

}
