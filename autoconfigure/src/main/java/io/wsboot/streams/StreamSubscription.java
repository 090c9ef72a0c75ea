package io.wsboot.streams;

/**
 * The answer to a subscription: where the stream stands and whether the gap since the
 * client's last position was recovered.
 *
 * @param stream the stream name
 * @param position the stream's epoch and last offset when the subscription started
 * @param recovered whether every publication after the position the client gave was
 * delivered before the live ones; {@code false} when it gave none, or its position is
 * older than the history or from another epoch
 * @author wsboot
 */
public record StreamSubscription(String stream, StreamPosition position, boolean recovered) {

}
