package io.wsboot.annotation;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The engine handler of a {@code @WsEndpoint} bean. Called on an event loop, it only
 * queues each event on the session's {@link SerialExecutor}, so that handler methods run
 * on the handler executor, one at a time per session and in the order the frames arrived,
 * with {@code @OnClose} after every message received before the close.
 *
 * @author wsboot
 */
final class AnnotatedEndpointHandler implements WsHandler {

	private static final Log logger = LogFactory.getLog(AnnotatedEndpointHandler.class);

	private final String beanName;

	private final Object bean;

	private final EndpointMethods methods;

	private final SessionRegistry registry;

	private final Executor executor;

	private final @Nullable JsonCodec codec;

	private final Map<String, Dispatch> dispatches = new ConcurrentHashMap<>();

	AnnotatedEndpointHandler(String beanName, Object bean, EndpointMethods methods, SessionRegistry registry,
			Executor executor, @Nullable JsonCodec codec) {
		this.beanName = beanName;
		this.bean = bean;
		this.methods = methods;
		this.registry = registry;
		this.executor = executor;
		this.codec = codec;
	}

	@Override
	public void onOpen(WsSession session) {
		Dispatch dispatch = new Dispatch(this.registry.register(session), new SerialExecutor(this.executor));
		this.dispatches.put(session.id(), dispatch);
		dispatch.queue().execute(() -> invoke(this.methods.open(), dispatch, InvocationContext.of(dispatch.session())));
	}

	@Override
	public void onText(WsSession session, String text) {
		Dispatch dispatch = this.dispatches.get(session.id());
		if (dispatch != null) {
			dispatch.queue().execute(() -> onMessage(dispatch, this.methods.text(), text, "text"));
		}
	}

	@Override
	public void onBinary(WsSession session, ByteBuffer data) {
		Dispatch dispatch = this.dispatches.get(session.id());
		if (dispatch != null) {
			dispatch.queue().execute(() -> onMessage(dispatch, this.methods.binary(), data, "binary"));
		}
	}

	@Override
	public void onPong(WsSession session, ByteBuffer payload) {
		Dispatch dispatch = this.dispatches.get(session.id());
		if (dispatch != null && this.methods.pong() != null) {
			dispatch.queue()
				.execute(() -> invoke(this.methods.pong(), dispatch,
						InvocationContext.message(dispatch.session(), payload)));
		}
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		Dispatch dispatch = this.dispatches.get(session.id());
		if (dispatch == null) {
			return;
		}
		dispatch.queue().execute(() -> {
			EndpointMethod onError = this.methods.error();
			if (onError != null && onError.handlesError(error)) {
				invoke(onError, dispatch, InvocationContext.error(dispatch.session(), error));
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Session " + session.id() + " of @WsEndpoint bean '" + this.beanName + "' failed", error);
			}
		});
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		Dispatch dispatch = this.dispatches.remove(session.id());
		if (dispatch == null) {
			return;
		}
		dispatch.queue().execute(() -> {
			this.registry.unregister(dispatch.session());
			try {
				invoke(this.methods.close(), dispatch, InvocationContext.closed(dispatch.session(), status));
			}
			finally {
				this.registry.completed(dispatch.session());
			}
		});
	}

	private void onMessage(Dispatch dispatch, @Nullable EndpointMethod method, Object message, String type) {
		if (method == null) {
			// RFC 6455 §7.4.1: 1003 tells the peer that this type of data cannot be
			// accepted
			dispatch.session().unwrap().close(new CloseStatus(1003, type + " messages are not accepted"));
			return;
		}
		invoke(method, dispatch, InvocationContext.message(dispatch.session(), message));
	}

	private void invoke(@Nullable EndpointMethod method, Dispatch dispatch, InvocationContext context) {
		if (method == null) {
			return;
		}
		try {
			Object result = method.invoke(this.bean, context);
			if (result != null) {
				Messages.send(dispatch.session().unwrap(), result, this.codec);
			}
		}
		catch (MessageDecodingException ex) {
			// RFC 6455 §7.4.1: 1007 is for data inconsistent with the type of the message
			failed(method, dispatch, ex, CloseStatus.INVALID_PAYLOAD.withReason("cannot decode message"));
		}
		catch (Throwable ex) {
			failed(method, dispatch, ex, CloseStatus.INTERNAL_ERROR);
		}
	}

	private void failed(EndpointMethod method, Dispatch dispatch, Throwable error, CloseStatus closeWith) {
		EndpointSession session = dispatch.session();
		EndpointMethod onError = this.methods.error();
		if (method.kind() != Kind.ERROR && method.kind() != Kind.CLOSE && onError != null
				&& onError.handlesError(error)) {
			invoke(onError, dispatch, InvocationContext.error(session, error));
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
	 * A session and its serial queue.
	 */
	private record Dispatch(EndpointSession session, SerialExecutor queue) {

	}

}
