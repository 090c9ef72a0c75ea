package io.wsboot.annotation;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

import io.wsboot.annotation.EndpointMethod.Kind;
import io.wsboot.codec.JsonCodec;
import io.wsboot.codec.MessageDecodingException;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsSession;
import io.wsboot.session.EndpointSession;
import io.wsboot.session.Messages;
import io.wsboot.session.SessionRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The engine handler of a {@code @WsEndpoint} bean. Called on an event loop, it either
 * queues each event on the session's {@link SerialExecutor}, so that handler methods run
 * on the handler executor, or, for {@link Dispatch#EVENT_LOOP}, calls them right there.
 * Either way they run one at a time per session and in the order the frames arrived, with
 * {@code @OnClose} after every message received before the close. The per-session state
 * lives in the session's attachment slot, so that a message costs no lookup.
 *
 * @author wsboot
 */
final class AnnotatedEndpointHandler implements WsHandler {

	private static final Log logger = LogFactory.getLog(AnnotatedEndpointHandler.class);

	private final String beanName;

	private final Object bean;

	private final EndpointMethods methods;

	private final SessionRegistry registry;

	/** The handler executor, or {@code null} to run the methods on the event loop. */
	private final @Nullable Executor executor;

	private final @Nullable JsonCodec codec;

	/**
	 * Create the handler of one endpoint bean.
	 * @param beanName the bean's name, for messages
	 * @param bean the bean
	 * @param methods its handler methods
	 * @param registry where sessions are registered
	 * @param dispatch {@link Dispatch#EXECUTOR} or {@link Dispatch#EVENT_LOOP}
	 * @param executor the handler executor, used with {@link Dispatch#EXECUTOR}
	 * @param codec the JSON codec, or {@code null} when none is available
	 */
	AnnotatedEndpointHandler(String beanName, Object bean, EndpointMethods methods, SessionRegistry registry,
			Dispatch dispatch, Executor executor, @Nullable JsonCodec codec) {
		if (dispatch == Dispatch.DEFAULT) {
			throw new IllegalArgumentException("dispatch must be resolved to EXECUTOR or EVENT_LOOP");
		}
		this.beanName = beanName;
		this.bean = bean;
		this.methods = methods;
		this.registry = registry;
		this.executor = (dispatch == Dispatch.EVENT_LOOP) ? null : executor;
		this.codec = codec;
	}

	@Override
	public void onOpen(WsSession session) {
		SerialExecutor queue = (this.executor != null) ? new SerialExecutor(this.executor) : null;
		SessionState state = new SessionState(this.registry.register(session), queue);
		session.attach(state);
		run(state, () -> invoke(this.methods.open(), state, InvocationContext.of(state.session())));
	}

	@Override
	public void onText(WsSession session, String text) {
		SessionState state = state(session);
		if (state == null) {
			return;
		}
		SerialExecutor queue = state.queue();
		if (queue == null) {
			onMessage(state, this.methods.text(), text, "text");
		}
		else {
			queue.execute(() -> onMessage(state, this.methods.text(), text, "text"));
		}
	}

	@Override
	public void onBinary(WsSession session, ByteBuffer data) {
		SessionState state = state(session);
		if (state == null) {
			return;
		}
		SerialExecutor queue = state.queue();
		if (queue == null) {
			onMessage(state, this.methods.binary(), data, "binary");
		}
		else {
			queue.execute(() -> onMessage(state, this.methods.binary(), data, "binary"));
		}
	}

	@Override
	public void onPong(WsSession session, ByteBuffer payload) {
		SessionState state = state(session);
		if (state != null && this.methods.pong() != null) {
			run(state, () -> invoke(this.methods.pong(), state, InvocationContext.message(state.session(), payload)));
		}
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		SessionState state = state(session);
		if (state == null) {
			return;
		}
		run(state, () -> {
			EndpointMethod onError = this.methods.error();
			if (onError != null && onError.handlesError(error)) {
				invoke(onError, state, InvocationContext.error(state.session(), error));
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Session " + session.id() + " of @WsEndpoint bean '" + this.beanName + "' failed", error);
			}
		});
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		SessionState state = state(session);
		if (state == null) {
			return;
		}
		session.attach(null);
		run(state, () -> {
			this.registry.unregister(state.session());
			try {
				invoke(this.methods.close(), state, InvocationContext.closed(state.session(), status));
			}
			finally {
				this.registry.completed(state.session());
			}
		});
	}

	private static @Nullable SessionState state(WsSession session) {
		return (session.attachment() instanceof SessionState state) ? state : null;
	}

	private static void run(SessionState state, Runnable task) {
		SerialExecutor queue = state.queue();
		if (queue == null) {
			task.run();
		}
		else {
			queue.execute(task);
		}
	}

	private void onMessage(SessionState state, @Nullable EndpointMethod method, Object message, String type) {
		if (method == null) {
			// RFC 6455 §7.4.1: 1003 tells the peer that this type of data cannot be
			// accepted
			state.session().unwrap().close(new CloseStatus(1003, type + " messages are not accepted"));
			return;
		}
		invoke(method, state, InvocationContext.message(state.session(), message));
	}

	private void invoke(@Nullable EndpointMethod method, SessionState state, InvocationContext context) {
		if (method == null) {
			return;
		}
		try {
			Object result = method.invoke(this.bean, context);
			if (result != null) {
				Messages.send(state.session().unwrap(), result, this.codec);
			}
		}
		catch (MessageDecodingException ex) {
			// RFC 6455 §7.4.1: 1007 is for data inconsistent with the type of the message
			failed(method, state, ex, CloseStatus.INVALID_PAYLOAD.withReason("cannot decode message"));
		}
		catch (Throwable ex) {
			failed(method, state, ex, CloseStatus.INTERNAL_ERROR);
		}
	}

	private void failed(EndpointMethod method, SessionState state, Throwable error, CloseStatus closeWith) {
		EndpointSession session = state.session();
		EndpointMethod onError = this.methods.error();
		if (method.kind() != Kind.ERROR && method.kind() != Kind.CLOSE && onError != null
				&& onError.handlesError(error)) {
			invoke(onError, state, InvocationContext.error(session, error));
			return;
		}
		if (closeWith.code() == CloseStatus.INVALID_PAYLOAD.code()) {
			if (logger.isDebugEnabled()) {
				logger.debug("Closing session " + session.id() + " with 1007: " + error.getMessage());
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
	 * What the handler keeps in a session's attachment slot.
	 *
	 * @param session the endpoint session
	 * @param queue the session's serial queue on the handler executor, or {@code null}
	 * when the methods run on the event loop
	 */
	private record SessionState(EndpointSession session, @Nullable SerialExecutor queue) {

	}

}
