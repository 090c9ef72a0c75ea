// The chat's messages over the streams endpoint (/streams): each room is the stream
// chat:<room>. The wsboot client resumes after a dropped connection from the last offset it
// handed over, so the page shows each message it missed exactly once; after a page reload it
// asks for the room's recent history again (rewind) and shows it once. chat.js keeps
// /chat/{room} for who is here; it calls join, leave and send below when this module loaded.
import { WsbootStreams } from '/wsboot/wsboot-client.js';

const RECENT_MESSAGES = 50;

let client = null;
let stream = null;

function protocols() {
	// a page that authenticates can define window.wsbootChatProtocols, returning the
	// subprotocols (such as a fresh bearer token) for each connect
	return typeof window.wsbootChatProtocols === 'function' ? window.wsbootChatProtocols() : [];
}

window.wsbootChatStreams = {

	join(room, render) {
		this.leave();
		stream = `chat:${room}`;
		client = new WsbootStreams(() => wsbootConfig.url('/streams'), { protocols });
		client.addEventListener('publication', (event) => {
			const { data, offset } = event.detail;
			if (event.detail.stream === stream && data && typeof data.text === 'string') {
				render({ type: 'message', user: String(data.user), text: data.text, offset });
			}
		});
		client.addEventListener('recovered', (event) => {
			if (!event.detail.recovered) {
				render({ type: 'notice', text: 'some messages could not be recovered' });
			}
		});
		client.addEventListener('state', (event) => {
			document.getElementById('messages').dataset.streamState = event.detail.state;
		});
		client.subscribe(stream, { rewind: RECENT_MESSAGES });
	},

	leave() {
		if (client) {
			client.close();
		}
		client = null;
	},

	send(user, text) {
		client.publish(stream, { user, text });
	},

};
