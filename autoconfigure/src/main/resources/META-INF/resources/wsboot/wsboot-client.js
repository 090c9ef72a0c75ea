// wsboot streams client: a dependency-free ES module for the streams endpoint
// (wsboot.streams.endpoint-path). It reconnects by itself with exponential back-off and full
// jitter, remembers the last position of each stream in sessionStorage (so also across a page
// reload), resumes with it, and never hands the same offset over twice. See docs/streams.md.
//
//   import { WsbootStreams } from '/wsboot/wsboot-client.js';
//   const client = new WsbootStreams('ws://localhost:8090/streams', { protocols: () => [...] });
//   client.addEventListener('publication', (e) => console.log(e.detail.data));
//   client.subscribe('chat:lobby');
//
// Events (CustomEvent, details in event.detail):
//   state        { state: 'connecting' | 'open' | 'closed', attempt, delay }
//   subscribed   the server's answer: { stream, epoch, offset, recovered }
//   recovered    after a resume: { stream, recovered, epoch, offset }; recovered false means
//                publications were lost (history too short, or a new epoch): reload state
//   publication  { stream, epoch, offset, data }
//   error        the server's error frame: { stream, message }

const DEFAULTS = {
	protocols: [],
	minDelay: 500,
	maxDelay: 10000,
	storageKey: 'wsboot.streams',
};

export class WsbootStreams extends EventTarget {

	// url: a ws:// or wss:// URL, or a function returning one (or a promise of one) per connect
	// options.protocols: subprotocols, or a function returning them (or a promise) per connect,
	//   such as ['wsboot.bearer.' + freshToken]
	// options.minDelay / maxDelay: back-off bounds in milliseconds
	// options.storage: where positions are kept (sessionStorage by default)
	constructor(url, options = {}) {
		super();
		this.url = url;
		this.options = { ...DEFAULTS, ...options };
		this.storage = options.storage !== undefined ? options.storage : globalThis.sessionStorage;
		this.streams = new Map();
		this.pending = [];
		this.socket = null;
		this.attempt = 0;
		this.timer = null;
		this.closed = false;
		this.state = 'closed';
		this.connect();
	}

	// Subscribe to a stream, resuming from its stored position. options.rewind asks for up to
	// that many publications before the stored position too (such as a page that just loaded
	// and shows nothing yet), if history still has them.
	subscribe(stream, options = {}) {
		const entry = { position: this.loadPosition(stream), since: null };
		if (entry.position && options.rewind > 0) {
			entry.position = { epoch: entry.position.epoch, offset: Math.max(0, entry.position.offset - options.rewind) };
		}
		this.streams.set(stream, entry);
		if (this.isOpen()) {
			this.sendSubscribe(stream, entry);
		}
	}

	unsubscribe(stream) {
		this.streams.delete(stream);
		if (this.isOpen()) {
			this.socket.send(JSON.stringify({ type: 'unsubscribe', stream }));
		}
	}

	// Publish to a stream (where the server's StreamPublishPolicy allows it); queued while the
	// connection is down and sent once it is back.
	publish(stream, data) {
		const frame = JSON.stringify({ type: 'publish', stream, data });
		if (this.isOpen()) {
			this.socket.send(frame);
		}
		else {
			this.pending.push(frame);
		}
	}

	// The last position handed over for a stream: { epoch, offset }, or null.
	position(stream) {
		const entry = this.streams.get(stream);
		return entry ? entry.position : this.loadPosition(stream);
	}

	close() {
		this.closed = true;
		clearTimeout(this.timer);
		if (this.socket) {
			this.socket.close(1000, 'closed');
		}
		this.setState('closed');
	}

	isOpen() {
		return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
	}

	async connect() {
		if (this.closed) {
			return;
		}
		this.setState('connecting');
		let socket;
		try {
			const url = typeof this.url === 'function' ? await this.url() : this.url;
			const given = this.options.protocols;
			const protocols = typeof given === 'function' ? await given() : given;
			if (this.closed) {
				return;
			}
			socket = new WebSocket(url, protocols || []);
		}
		catch (e) {
			this.reconnect();
			return;
		}
		this.socket = socket;
		socket.onopen = () => {
			this.attempt = 0;
			this.setState('open');
			for (const [stream, entry] of this.streams) {
				this.sendSubscribe(stream, entry);
			}
			const pending = this.pending;
			this.pending = [];
			pending.forEach((frame) => socket.send(frame));
		};
		socket.onmessage = (message) => this.receive(message.data);
		socket.onclose = () => {
			if (this.socket !== socket) {
				return;
			}
			this.socket = null;
			this.reconnect();
		};
	}

	reconnect() {
		if (this.closed) {
			return;
		}
		// full jitter: anywhere between 0 and an exponentially growing ceiling, so that clients
		// dropped together do not all come back at the same instant
		const ceiling = Math.min(this.options.maxDelay, this.options.minDelay * 2 ** this.attempt);
		const delay = Math.round(Math.random() * ceiling);
		this.attempt++;
		this.setState('closed', delay);
		this.timer = setTimeout(() => this.connect(), delay);
	}

	sendSubscribe(stream, entry) {
		const request = { type: 'subscribe', stream };
		if (entry.position) {
			request.since = { epoch: entry.position.epoch, offset: entry.position.offset };
		}
		entry.since = request.since || null;
		this.socket.send(JSON.stringify(request));
	}

	receive(text) {
		let frame;
		try {
			frame = JSON.parse(text);
		}
		catch (e) {
			return;
		}
		const entry = this.streams.get(frame.stream);
		if (frame.type === 'subscribed' && entry) {
			if (!frame.recovered) {
				// starts live: everything up to the stream's last offset is behind us
				this.savePosition(frame.stream, entry, { epoch: frame.epoch, offset: frame.offset });
			}
			this.emit('subscribed', frame);
			if (entry.since) {
				this.emit('recovered', { stream: frame.stream, recovered: frame.recovered, epoch: frame.epoch,
					offset: frame.offset });
			}
		}
		else if (frame.type === 'publication' && entry) {
			const last = entry.position;
			if (last && last.epoch === frame.epoch && frame.offset <= last.offset) {
				return;
			}
			this.savePosition(frame.stream, entry, { epoch: frame.epoch, offset: frame.offset });
			this.emit('publication', frame);
		}
		else if (frame.type === 'error') {
			this.emit('error', frame);
		}
	}

	setState(state, delay) {
		this.state = state;
		this.emit('state', { state, attempt: this.attempt, delay });
	}

	emit(type, detail) {
		this.dispatchEvent(new CustomEvent(type, { detail }));
	}

	storageKey(stream) {
		return `${this.options.storageKey}:${stream}`;
	}

	loadPosition(stream) {
		try {
			const stored = this.storage && this.storage.getItem(this.storageKey(stream));
			const position = stored ? JSON.parse(stored) : null;
			return position && typeof position.epoch === 'string' && Number.isFinite(position.offset) ? position : null;
		}
		catch (e) {
			return null;
		}
	}

	savePosition(stream, entry, position) {
		entry.position = position;
		try {
			if (this.storage) {
				this.storage.setItem(this.storageKey(stream), JSON.stringify(position));
			}
		}
		catch (e) {
			// storage full or denied: the position still lives in memory
		}
	}

}
