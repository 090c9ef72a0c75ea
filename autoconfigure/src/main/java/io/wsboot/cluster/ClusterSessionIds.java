package io.wsboot.cluster;

import org.jspecify.annotations.Nullable;

/**
 * Cluster session ids: {@code <node id>:<session id>}. Session ids are unique only within
 * one server, so the node id makes them unique in the cluster and routes a send to the
 * node that holds the session.
 *
 * @author wsboot
 */
public final class ClusterSessionIds {

	private static final char SEPARATOR = ':';

	private ClusterSessionIds() {
	}

	/**
	 * Return the cluster id of a session.
	 * @param nodeId the node that holds the session
	 * @param sessionId the session's id on that node
	 * @return the cluster session id
	 */
	public static String of(String nodeId, String sessionId) {
		return nodeId + SEPARATOR + sessionId;
	}

	/**
	 * Return the node part of a cluster session id.
	 * @param clusterSessionId the cluster session id
	 * @return the node id, or {@code null} when the id has no node part
	 */
	public static @Nullable String nodeId(String clusterSessionId) {
		int separator = clusterSessionId.lastIndexOf(SEPARATOR);
		return (separator > 0) ? clusterSessionId.substring(0, separator) : null;
	}

	/**
	 * Return the session part of a cluster session id.
	 * @param clusterSessionId the cluster session id
	 * @return the session id on its node
	 */
	public static String sessionId(String clusterSessionId) {
		return clusterSessionId.substring(clusterSessionId.lastIndexOf(SEPARATOR) + 1);
	}

}
