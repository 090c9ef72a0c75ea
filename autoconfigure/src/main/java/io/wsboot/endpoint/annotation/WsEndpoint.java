package io.wsboot.endpoint.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a class as a WebSocket endpoint served by the wsboot engine; as a
 * {@link Component} stereotype it is found by component scanning. Its methods are
 * annotated with {@link OnOpen}, {@link OnMessage}, {@link OnPong}, {@link OnClose} and
 * {@link OnError}; each is optional and each may appear once, except that one
 * {@code @OnMessage} method for text and one for binary messages may coexist.
 *
 * <p>
 * The size and time attributes override {@code wsboot.limits.*} for this endpoint; they
 * use the property formats ({@code "16MB"}, {@code "30s"}) and may be {@code ${...}}
 * placeholders. An empty value keeps the global limit.
 *
 * <p>
 * Handler methods run on the handler executor by default, so that they may block. An
 * endpoint whose methods never block can run them on the event loop instead with
 * {@code dispatch = Dispatch.EVENT_LOOP} (see {@link #dispatch()}).
 *
 * <pre class="code">
 * &#064;WsEndpoint("/chat/{room}")
 * class ChatEndpoint {
 *
 *     &#064;OnMessage
 *     ChatMessage message(ChatMessage message, &#064;PathParam("room") String room) {
 *         return message;
 *     }
 *
 * }
 * </pre>
 *
 * @author wsboot
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface WsEndpoint {

	/**
	 * Alias for {@link #path()}.
	 * @return the path or path template
	 */
	@AliasFor("path")
	String value() default "";

	/**
	 * The path, or a path template whose whole segments may be variables, such as
	 * {@code /chat/{room}}. Exact paths win over templates; two endpoints with the same
	 * path, or templates that differ only in variable names, fail start-up.
	 * @return the path or path template
	 */
	@AliasFor("value")
	String path() default "";

	/**
	 * The subprotocols that the endpoint speaks, in its order of preference.
	 * @return the subprotocols
	 */
	String[] subprotocols() default {};

	/**
	 * Whether clients may negotiate permessage-deflate with this endpoint, when
	 * {@code wsboot.compression.enabled} allows it at all. Turn it off for endpoints that
	 * send data that is already compressed.
	 * @return {@code false} to never compress this endpoint's messages
	 */
	boolean compression() default true;

	/**
	 * The maximum payload of one frame, such as {@code "16MB"}.
	 * @return the size, empty for {@code wsboot.limits.max-frame-payload-size}
	 */
	String maxFramePayloadSize() default "";

	/**
	 * The maximum size of a reassembled message, such as {@code "16MB"}.
	 * @return the size, empty for {@code wsboot.limits.max-message-size}
	 */
	String maxMessageSize() default "";

	/**
	 * The time without an inbound frame after which a session is closed, such as
	 * {@code "30s"}; {@code "0"} disables it.
	 * @return the duration, empty for {@code wsboot.limits.idle-timeout}
	 */
	String idleTimeout() default "";

	/**
	 * The maximum bytes queued for sending to one slow client, such as {@code "8MB"}.
	 * @return the size, empty for {@code wsboot.limits.max-outbound-queue-size}
	 */
	String maxOutboundQueueSize() default "";

	/**
	 * What to do when a client reads too slowly: {@code CLOSE}, {@code DROP_NEWEST} or
	 * {@code DROP_OLDEST} (see {@code SlowConsumerPolicy}).
	 * @return the policy name, empty for {@code wsboot.limits.slow-consumer-policy}
	 */
	String slowConsumerPolicy() default "";

	/**
	 * Which thread runs the handler methods: {@link Dispatch#EXECUTOR} hands each event
	 * to the handler executor, so that methods may block; {@link Dispatch#EVENT_LOOP}
	 * calls them on the event loop that read the frame, which saves a thread hand-off per
	 * message but stalls every connection of that loop whenever a method blocks. Only
	 * endpoints whose methods never block (no I/O, no waiting on locks or futures) may
	 * use it. Per-session order is the same with both.
	 * @return the dispatch, {@link Dispatch#DEFAULT} for {@code wsboot.endpoint.dispatch}
	 */
	Dispatch dispatch() default Dispatch.DEFAULT;

}
