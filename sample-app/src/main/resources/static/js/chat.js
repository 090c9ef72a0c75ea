// The chat page: plain WebSocket API against /chat/{room} on the wsboot port. It shows the
// connection state, the room's members (from the server's "presence" events) and reconnects
// with exponential back-off and jitter when the connection drops (a server restart, say).
// Each connect fetches a short-lived token for the signed-in user from /api/ws-token and offers
// it as the subprotocol entry "wsboot.bearer.<token>" beside "chat": browsers cannot set an
// Authorization header on a WebSocket, and the server only ever selects "chat".
'use strict';

(() => {
	const RECONNECT_INITIAL_MS = 500;
	const RECONNECT_MAX_MS = 10000;

	const $ = (id) => document.getElementById(id);
	const state = $('state');
	const joinForm = $('join-form');
	const sendForm = $('send-form');
	const messages = $('messages');
	const users = $('users');

	let socket = null;
	let name = null;
	let room = null;
	let attempt = 0;
	let reconnectTimer = null;
	let countdownTimer = null;
	let leaving = false;

	// the signed-in user, from the token endpoint; the login page when the session expired
	async function fetchToken() {
		const response = await fetch('/api/ws-token', { cache: 'no-store', headers: { Accept: 'application/json' } });
		if (response.redirected || response.status === 401 || response.status === 403) {
			location.assign('/login');
			throw new Error('not signed in');
		}
		if (!response.ok) {
			throw new Error(`token request failed: ${response.status}`);
		}
		return response.json();
	}

	fetchToken().then((issued) => { $('name').value = issued.user; }).catch(() => {});
	$('room').value = sessionStorage.getItem('wsboot.room') || 'lobby';

	function setState(value, text) {
		state.dataset.state = value;
		state.textContent = text;
	}

	function addMessage(event) {
		const item = document.createElement('li');
		item.dataset.type = event.type;
		const time = document.createElement('span');
		time.className = 'time';
		time.textContent = new Date().toLocaleTimeString();
		item.append(time);
		if (event.offset !== undefined) {
			item.dataset.offset = event.offset;
		}
		if (event.type === 'message') {
			const who = document.createElement('span');
			who.className = 'user';
			who.textContent = event.user;
			const text = document.createElement('span');
			text.className = 'text';
			text.textContent = event.text;
			item.dataset.user = event.user;
			item.append(who, text);
			if (event.user === name) {
				item.classList.add('mine');
			}
		}
		else {
			item.classList.add('notice');
			item.append(document.createTextNode(event.text));
		}
		messages.append(item);
		messages.scrollTop = messages.scrollHeight;
	}

	function notice(text) {
		addMessage({ type: 'notice', text });
	}

	function showUsers(list) {
		users.replaceChildren(...list.map((user) => {
			const item = document.createElement('li');
			item.textContent = user;
			return item;
		}));
		$('user-count').textContent = list.length;
	}

	async function connect() {
		clearTimers();
		setState('connecting', 'connecting…');
		let url;
		let issued;
		try {
			url = await wsbootConfig.url(`/chat/${encodeURIComponent(room)}`);
			issued = await fetchToken();
		}
		catch (e) {
			scheduleReconnect();
			return;
		}
		name = issued.user;
		const ws = new WebSocket(url, [`wsboot.bearer.${issued.token}`, 'chat']);
		socket = ws;
		ws.onopen = () => {
			attempt = 0;
			setState('open', 'connected');
			$('send').disabled = false;
			$('meta').textContent = `${url} · subprotocol: ${ws.protocol} · extensions: ${ws.extensions || 'none'}`;
			$('meta').dataset.extensions = ws.extensions;
			$('meta').dataset.protocol = ws.protocol;
		};
		ws.onmessage = (message) => {
			const event = JSON.parse(message.data);
			if (event.type === 'presence') {
				showUsers(event.users);
			}
			else if (event.type === 'join') {
				addMessage({ type: 'join', text: `${event.user} joined` });
			}
			else if (event.type === 'leave') {
				addMessage({ type: 'leave', text: `${event.user} left` });
			}
			else if (event.type === 'message' && !window.wsbootChatStreams) {
				// with chat-streams.js, messages come from the stream chat:<room>
				addMessage(event);
			}
		};
		ws.onclose = (event) => {
			if (socket !== ws) {
				return;
			}
			socket = null;
			$('send').disabled = true;
			if (leaving) {
				setState('closed', 'not connected');
				return;
			}
			notice(`connection closed (${event.code}${event.reason ? ' ' + event.reason : ''})`);
			scheduleReconnect();
		};
	}

	function scheduleReconnect() {
		// exponential back-off with jitter, so that a restarted server is not hit by every
		// client at the same instant
		const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_INITIAL_MS * 2 ** attempt);
		const delay = Math.round(ceiling / 2 + Math.random() * ceiling / 2);
		attempt++;
		const due = Date.now() + delay;
		const tick = () => {
			const seconds = Math.max(0, (due - Date.now()) / 1000).toFixed(1);
			setState('reconnecting', `reconnecting in ${seconds}s (attempt ${attempt})`);
		};
		tick();
		countdownTimer = setInterval(tick, 200);
		reconnectTimer = setTimeout(connect, delay);
	}

	function clearTimers() {
		clearTimeout(reconnectTimer);
		clearInterval(countdownTimer);
	}

	joinForm.addEventListener('submit', (event) => {
		event.preventDefault();
		name = $('name').value.trim();
		room = $('room').value.trim() || 'lobby';
		sessionStorage.setItem('wsboot.room', room);
		leaving = false;
		attempt = 0;
		$('room').disabled = true;
		$('join').classList.add('hidden');
		$('leave').classList.remove('hidden');
		$('chat').classList.remove('hidden');
		$('room-title').textContent = `#${room} as ${name}`;
		messages.replaceChildren();
		connect();
		window.wsbootChatStreams?.join(room, addMessage);
		$('text').focus();
	});

	$('leave').addEventListener('click', () => {
		leaving = true;
		window.wsbootChatStreams?.leave();
		clearTimers();
		if (socket) {
			socket.close(1000, 'left');
		}
		setState('closed', 'not connected');
		$('room').disabled = false;
		$('join').classList.remove('hidden');
		$('leave').classList.add('hidden');
		$('chat').classList.add('hidden');
		showUsers([]);
	});

	sendForm.addEventListener('submit', (event) => {
		event.preventDefault();
		const text = $('text').value;
		if (text && window.wsbootChatStreams) {
			window.wsbootChatStreams.send(name, text);
			$('text').value = '';
			return;
		}
		if (!text || !socket || socket.readyState !== WebSocket.OPEN) {
			return;
		}
		socket.send(JSON.stringify({ text }));
		$('text').value = '';
	});

	$('send').disabled = true;
})();
