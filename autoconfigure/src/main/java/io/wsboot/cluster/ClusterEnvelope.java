package io.wsboot.cluster;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.wsboot.endpoint.broadcast.BroadcastTarget;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.PreparedMessage;

/**
 * The binary envelope that carries one message between nodes over a Redis channel.
 *
 * <pre>
 *  byte    version (2; version 1, without the two sequence fields, is still read)
 *  byte    target: 0 all, 1 endpoint, 2 group, 3 session, 4 user
 *  byte    type: 1 text, 2 binary (the WebSocket opcode)
 *  long    published at, microseconds since the epoch (for the latency timer)
 *  long    the sender's incarnation: random, new each time a node starts
 *  long    the sender's sequence number: 1, 2, 3... in publishing order
 *  short   length of the sender's node id, then its UTF-8 bytes
 *  int     length of the target name, then its UTF-8 bytes (empty for all)
 *  int     length of the payload, then the payload
 * </pre>
 *
 * @param nodeId the id of the node that published it
 * @param target the target: a {@link BroadcastTarget}, or a {@link SessionTarget}
 * @param message the message
 * @param publishedAtMicros when it was published, microseconds since the epoch
 * @param sequence where it stands among the sender's messages, or {@link Sequence#NONE}
 * from a version 1 sender
 * @author wsboot
 */
record ClusterEnvelope(String nodeId, Object target, PreparedMessage message, long publishedAtMicros,
		Sequence sequence) {

	static final byte VERSION = 2;

	private static final byte VERSION_WITHOUT_SEQUENCE = 1;

	private static final byte TARGET_ALL = 0;

	private static final byte TARGET_ENDPOINT = 1;

	private static final byte TARGET_GROUP = 2;

	private static final byte TARGET_SESSION = 3;

	private static final byte TARGET_USER = 4;

	/**
	 * Fixed part: version, target, type, timestamp, incarnation, sequence, three length
	 * fields.
	 */
	private static final int HEADER_BYTES = 1 + 1 + 1 + 3 * Long.BYTES + Short.BYTES + Integer.BYTES + Integer.BYTES;

	ClusterEnvelope {
		Objects.requireNonNull(nodeId, "nodeId");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(message, "message");
		Objects.requireNonNull(sequence, "sequence");
	}

	/**
	 * Where a message stands among those of one run of its sender, so that a receiver can
	 * drop a message it has already seen (a publish the Redis client retried after a
	 * reconnect).
	 *
	 * @param incarnation random, chosen when the sending node starts, so that a restarted
	 * node with the same id starts a new series
	 * @param number 1, 2, 3... in the order the node published
	 */
	record Sequence(long incarnation, long number) {

		/** The sequence of a version 1 envelope: never treated as a duplicate. */
		static final Sequence NONE = new Sequence(0, 0);

	}

	/**
	 * One session on one node, addressed by its local id.
	 *
	 * @param sessionId the session id on the node that holds it
	 */
	record SessionTarget(String sessionId) {

	}

	byte[] encode() {
		byte[] node = this.nodeId.getBytes(StandardCharsets.UTF_8);
		byte[] name = targetName().getBytes(StandardCharsets.UTF_8);
		ByteBuffer payload = this.message.payload();
		ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + node.length + name.length + payload.remaining());
		buffer.put(VERSION);
		buffer.put(targetCode());
		buffer.put((byte) this.message.type().code());
		buffer.putLong(this.publishedAtMicros);
		buffer.putLong(this.sequence.incarnation());
		buffer.putLong(this.sequence.number());
		buffer.putShort((short) node.length);
		buffer.put(node);
		buffer.putInt(name.length);
		buffer.put(name);
		buffer.putInt(payload.remaining());
		buffer.put(payload);
		return buffer.array();
	}

	static ClusterEnvelope decode(byte[] bytes) {
		try {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			byte version = buffer.get();
			if (version != VERSION && version != VERSION_WITHOUT_SEQUENCE) {
				throw new IllegalArgumentException("unsupported envelope version " + version);
			}
			byte target = buffer.get();
			byte type = buffer.get();
			long publishedAt = buffer.getLong();
			Sequence sequence = (version == VERSION) ? new Sequence(buffer.getLong(), buffer.getLong()) : Sequence.NONE;
			String node = string(buffer, Short.toUnsignedInt(buffer.getShort()));
			String name = string(buffer, buffer.getInt());
			int length = buffer.getInt();
			if (length != buffer.remaining()) {
				throw new IllegalArgumentException(
						"envelope announces a " + length + "-byte payload but carries " + buffer.remaining());
			}
			PreparedMessage message = switch (type) {
				case 1 -> PreparedMessage.text(StandardCharsets.UTF_8.decode(buffer).toString());
				case 2 -> PreparedMessage.binary(buffer);
				default -> throw new IllegalArgumentException("unknown message type " + type);
			};
			return new ClusterEnvelope(node, target(target, name), message, publishedAt, sequence);
		}
		catch (BufferUnderflowException ex) {
			throw new IllegalArgumentException("truncated envelope of " + bytes.length + " bytes", ex);
		}
	}

	private static String string(ByteBuffer buffer, int length) {
		if (length < 0 || length > buffer.remaining()) {
			throw new IllegalArgumentException("envelope field of " + length + " bytes exceeds the envelope");
		}
		byte[] bytes = new byte[length];
		buffer.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static Object target(byte code, String name) {
		return switch (code) {
			case TARGET_ALL -> new BroadcastTarget.AllSessions();
			case TARGET_ENDPOINT -> new BroadcastTarget.EndpointSessions(name);
			case TARGET_GROUP -> new BroadcastTarget.Group(name);
			case TARGET_SESSION -> new SessionTarget(name);
			case TARGET_USER -> new BroadcastTarget.User(name);
			default -> throw new IllegalArgumentException("unknown target " + code);
		};
	}

	private byte targetCode() {
		if (this.target instanceof BroadcastTarget.EndpointSessions) {
			return TARGET_ENDPOINT;
		}
		if (this.target instanceof BroadcastTarget.Group) {
			return TARGET_GROUP;
		}
		if (this.target instanceof SessionTarget) {
			return TARGET_SESSION;
		}
		if (this.target instanceof BroadcastTarget.User) {
			return TARGET_USER;
		}
		return TARGET_ALL;
	}

	private String targetName() {
		if (this.target instanceof BroadcastTarget.EndpointSessions endpoint) {
			return endpoint.pathTemplate();
		}
		if (this.target instanceof BroadcastTarget.Group group) {
			return group.name();
		}
		if (this.target instanceof SessionTarget session) {
			return session.sessionId();
		}
		if (this.target instanceof BroadcastTarget.User user) {
			return user.name();
		}
		return "";
	}

}
