// The dashboard: reads /actuator/wsboot once a second and shows connections, the message
// rate, and what HTTP polling would have sent for the same messages compared with what
// WebSocket really sent. The chart is drawn on a plain canvas: nothing is fetched from elsewhere.
'use strict';

(() => {
	const REFRESH_MS = 1000;
	const CHART_POINTS = 60;
	const SOURCE = '/actuator/wsboot?limit=1';

	const $ = (id) => document.getElementById(id);
	const numbers = new Intl.NumberFormat('en-US');
	const history = [];
	let previous = null;

	function bytes(value) {
		const sign = value < 0 ? '−' : '';
		let size = Math.abs(value);
		const units = ['B', 'KiB', 'MiB', 'GiB'];
		let unit = 0;
		while (size >= 1024 && unit < units.length - 1) {
			size /= 1024;
			unit++;
		}
		return sign + (unit === 0 ? numbers.format(size) : size.toFixed(size < 10 ? 2 : 1)) + ' ' + units[unit];
	}

	function setState(value, text) {
		$('state').dataset.state = value;
		$('state').textContent = text;
	}

	function render(report, rate) {
		const totals = report.totals;
		const saved = report.bytesSaved;
		$('active').textContent = numbers.format(totals.sessionsActive);
		$('opened').textContent = numbers.format(totals.sessionsOpened);
		$('rate').textContent = rate === null ? '–' : rate.toFixed(1);
		$('messages').textContent = numbers.format(totals.messagesIn + totals.messagesOut);
		$('messages-in').textContent = numbers.format(totals.messagesIn);
		$('messages-out').textContent = numbers.format(totals.messagesOut);

		$('saved').textContent = bytes(saved.savedBytes);
		$('saved').dataset.bytes = String(saved.savedBytes);
		$('saved').classList.toggle('negative', saved.savedBytes < 0);
		$('ratio').textContent = (saved.savedRatio * 100).toFixed(1) + ' %';
		$('ratio').dataset.ratio = String(saved.savedRatio);
		$('polling').textContent = bytes(saved.httpEquivalentBytes);
		$('polling').dataset.bytes = String(saved.httpEquivalentBytes);
		$('actual').textContent = bytes(saved.actualBytes);
		$('actual').dataset.bytes = String(saved.actualBytes);
		const largest = Math.max(saved.httpEquivalentBytes, saved.actualBytes, 1);
		$('polling-bar').style.width = (100 * saved.httpEquivalentBytes / largest) + '%';
		$('actual-bar').style.width = (100 * saved.actualBytes / largest) + '%';
		// messages too small to gain from deflate grow a little: say so rather than show
		// a negative saving
		const compressionGrew = saved.compressionSavedBytes < 0;
		$('compression-verb').textContent = compressionGrew ? 'Compression grew these small messages by'
			: 'Compression saved another';
		$('compression').textContent = bytes(Math.abs(saved.compressionSavedBytes));
		$('compression').dataset.bytes = String(saved.compressionSavedBytes);
		$('response-head').textContent = numbers.format(saved.responseHeadBytes);
		if (saved.requestHeadBytes !== null && saved.requestHeadBytes !== undefined) {
			$('request-head').textContent = `${numbers.format(saved.requestHeadBytes)} bytes`;
		}

		$('wire-in').textContent = bytes(totals.wireBytesIn);
		$('wire-out').textContent = bytes(totals.wireBytesOut);
		$('handshake').textContent = bytes(totals.handshakeBytes);
		$('control').textContent = numbers.format(totals.controlFrames);

		$('endpoints').replaceChildren(...report.endpoints.map((endpoint) => {
			const row = document.createElement('tr');
			row.dataset.path = endpoint.path;
			for (const [text, cls] of [[endpoint.path, ''], [endpoint.bean || '', ''],
				[numbers.format(endpoint.activeSessions), 'num']]) {
				const cell = document.createElement('td');
				cell.textContent = text;
				if (cls) {
					cell.className = cls;
				}
				row.append(cell);
			}
			return row;
		}));
		$('updated').textContent = `updated ${new Date().toLocaleTimeString()} from ${SOURCE}`;
	}

	function drawChart() {
		const canvas = $('chart');
		const ratio = window.devicePixelRatio || 1;
		const width = canvas.clientWidth;
		const height = canvas.clientHeight;
		canvas.width = width * ratio;
		canvas.height = height * ratio;
		const g = canvas.getContext('2d');
		g.scale(ratio, ratio);
		g.clearRect(0, 0, width, height);
		const style = getComputedStyle(document.documentElement);
		const pad = { left: 8, right: 8, top: 10, bottom: 18 };
		const plotWidth = width - pad.left - pad.right;
		const plotHeight = height - pad.top - pad.bottom;
		const top = Math.max(1, ...history.map((point) => Math.max(point.polling, point.websocket)));
		$('chart-scale').textContent = `top of the chart: ${bytes(top)}/s`;

		g.strokeStyle = '#e1e5ea';
		g.lineWidth = 1;
		for (let i = 0; i <= 4; i++) {
			const y = pad.top + plotHeight * i / 4;
			g.beginPath();
			g.moveTo(pad.left, y);
			g.lineTo(width - pad.right, y);
			g.stroke();
		}
		g.fillStyle = '#6b7385';
		g.font = '11px system-ui, sans-serif';
		g.fillText(`${CHART_POINTS} s ago`, pad.left, height - 4);
		g.fillText('now', width - pad.right - 22, height - 4);

		const x = (i) => pad.left + plotWidth * (CHART_POINTS - history.length + i) / (CHART_POINTS - 1);
		const y = (value) => pad.top + plotHeight * (1 - value / top);
		for (const [key, colour] of [['polling', style.getPropertyValue('--polling')],
			['websocket', style.getPropertyValue('--websocket')]]) {
			if (history.length < 2) {
				continue;
			}
			g.beginPath();
			history.forEach((point, i) => i === 0 ? g.moveTo(x(i), y(point[key])) : g.lineTo(x(i), y(point[key])));
			g.strokeStyle = colour;
			g.lineWidth = 2;
			g.stroke();
			g.lineTo(x(history.length - 1), y(0));
			g.lineTo(x(0), y(0));
			g.closePath();
			g.globalAlpha = 0.12;
			g.fillStyle = colour;
			g.fill();
			g.globalAlpha = 1;
		}
	}

	async function refresh() {
		try {
			const response = await fetch(SOURCE, { cache: 'no-store', headers: { Accept: 'application/json' } });
			if (!response.ok) {
				throw new Error(`${SOURCE} answered ${response.status}`);
			}
			const report = await response.json();
			const now = performance.now();
			let rate = null;
			if (previous !== null) {
				const seconds = (now - previous.at) / 1000;
				const messages = report.totals.messagesIn + report.totals.messagesOut
					- previous.report.totals.messagesIn - previous.report.totals.messagesOut;
				rate = messages / seconds;
				history.push({
					polling: Math.max(0, report.bytesSaved.httpEquivalentBytes
						- previous.report.bytesSaved.httpEquivalentBytes) / seconds,
					websocket: Math.max(0, report.bytesSaved.actualBytes
						- previous.report.bytesSaved.actualBytes) / seconds,
				});
				if (history.length > CHART_POINTS) {
					history.shift();
				}
			}
			previous = { at: now, report };
			render(report, rate);
			drawChart();
			setState(report.server.running ? 'open' : 'closed',
				report.server.running ? `live · ${report.server.tls ? 'wss' : 'ws'} port ${report.server.port}`
					: 'wsboot server stopped');
		}
		catch (e) {
			setState('error', `cannot read ${SOURCE}`);
		}
		finally {
			setTimeout(refresh, REFRESH_MS);
		}
	}

	window.addEventListener('resize', drawChart);
	refresh();
})();
