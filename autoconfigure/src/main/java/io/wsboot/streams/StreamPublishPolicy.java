package io.wsboot.streams;

import java.util.List;
import java.util.regex.Pattern;

import io.wsboot.endpoint.session.EndpointSession;

/**
 * Decides whether a client of the streams endpoint may publish to a stream. Define a bean
 * of this type to let clients publish; by default they may not, and only the application
 * publishes, through {@link WsStreams}.
 *
 * @author wsboot
 */
@FunctionalInterface
public interface StreamPublishPolicy {

	/**
	 * Whether a session may publish to a stream.
	 * @param stream the stream name
	 * @param session the session that asks
	 * @return {@code true} to publish, {@code false} to answer with an error
	 */
	boolean mayPublish(String stream, EndpointSession session);

	/**
	 * Return a policy that lets no client publish.
	 * @return the policy
	 */
	static StreamPublishPolicy denyAll() {
		return (stream, session) -> false;
	}

	/**
	 * Return a policy that lets every client publish to the streams whose names match one
	 * of some patterns, where {@code *} stands for any characters, such as
	 * {@code chat:*}.
	 * @param patterns the patterns
	 * @return the policy
	 */
	static StreamPublishPolicy allowing(String... patterns) {
		List<Pattern> compiled = java.util.Arrays.stream(patterns)
			.map((pattern) -> Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q")))
			.toList();
		return (stream, session) -> compiled.stream().anyMatch((pattern) -> pattern.matcher(stream).matches());
	}

}
