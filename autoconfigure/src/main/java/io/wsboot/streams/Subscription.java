package io.wsboot.streams;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.engine.PreparedMessage;
import org.jspecify.annotations.Nullable;

/**
 * One session's subscription to one stream. Until it {@linkplain #start starts}, live
 * publications are buffered; starting sends the answer and the recovered history, then
 * the buffered publications it has not sent yet. Afterwards each live publication is sent
 * unless its offset was already sent, so that history and live never overlap.
 *
 * @author wsboot
 */
final class Subscription {

	private final EndpointSession session;

	private final String stream;

	private @Nullable List<Live> buffer = new ArrayList<>();

	private @Nullable String epoch;

	private long lastSent;

	Subscription(EndpointSession session, String stream) {
		this.session = session;
		this.stream = stream;
	}

	EndpointSession session() {
		return this.session;
	}

	String stream() {
		return this.stream;
	}

	/**
	 * Offer a live publication, in offset order.
	 * @return {@code false} when the session has closed and the subscription can go
	 */
	synchronized boolean offer(Live live) {
		if (!this.session.isOpen()) {
			return false;
		}
		if (this.buffer != null) {
			this.buffer.add(live);
			return true;
		}
		send(live.epoch(), live.offset(), live.message());
		return true;
	}

	/**
	 * Send the answer and the recovered publications, then whatever was buffered
	 * meanwhile.
	 */
	synchronized void start(String answer, List<StreamPublication> recovered, StreamPosition position) {
		this.session.sendText(answer);
		this.epoch = position.epoch();
		this.lastSent = position.offset();
		for (StreamPublication publication : recovered) {
			this.session.unwrap().send(StreamFrames.publication(publication));
		}
		List<Live> buffered = this.buffer;
		this.buffer = null;
		if (buffered != null) {
			for (Live live : buffered) {
				send(live.epoch(), live.offset(), live.message());
			}
		}
	}

	/**
	 * Send publications found in history that this subscription has not sent yet.
	 */
	synchronized void catchUp(List<StreamPublication> publications, long upToOffset) {
		for (StreamPublication publication : publications) {
			if (publication.offset() <= upToOffset) {
				send(publication.epoch(), publication.offset(), StreamFrames.publication(publication));
			}
		}
	}

	synchronized long lastSent() {
		return this.lastSent;
	}

	synchronized @Nullable String epoch() {
		return this.epoch;
	}

	private void send(String epoch, long offset, PreparedMessage message) {
		if (epoch.equals(this.epoch) && offset <= this.lastSent) {
			return;
		}
		this.epoch = epoch;
		this.lastSent = offset;
		this.session.unwrap().send(message);
	}

	/**
	 * A live publication as the fan-out delivers it: its position and its frame.
	 */
	record Live(String epoch, long offset, PreparedMessage message) {

	}

}
