package io.wsboot.endpoint.broadcast;

import java.util.Objects;

/**
 * Which sessions a {@link Broadcast} goes to. Targets are plain data so that a
 * cluster-wide {@link BroadcastFanOut} can serialise them; each node resolves them
 * against its own sessions.
 *
 * @author wsboot
 */
public sealed interface BroadcastTarget {

	/**
	 * Every session of every endpoint.
	 */
	record AllSessions() implements BroadcastTarget {

	}

	/**
	 * Every session of one endpoint.
	 *
	 * @param pathTemplate the endpoint's path template, such as {@code /chat/{room}}
	 */
	record EndpointSessions(String pathTemplate) implements BroadcastTarget {

		/**
		 * Create a target.
		 * @param pathTemplate the endpoint's path template
		 */
		public EndpointSessions {
			Objects.requireNonNull(pathTemplate, "pathTemplate");
		}

	}

	/**
	 * Every session that joined a group.
	 *
	 * @param name the group name, such as {@code room:lobby}
	 */
	record Group(String name) implements BroadcastTarget {

		/**
		 * Create a target.
		 * @param name the group name
		 */
		public Group {
			Objects.requireNonNull(name, "name");
		}

	}

	/**
	 * Every session of one user: whose principal has this name.
	 *
	 * @param name the principal name
	 */
	record User(String name) implements BroadcastTarget {

		/**
		 * Create a target.
		 * @param name the principal name
		 */
		public User {
			Objects.requireNonNull(name, "name");
		}

	}

}
