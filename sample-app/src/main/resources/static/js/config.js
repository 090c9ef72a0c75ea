// Where the wsboot engine listens, from /config.json: the scheme (ws or wss, with the tls
// profile) and the port (8090, or the random port of a test). The host is the page's own, so
// the Origin the browser sends is one that wsboot.server.allowed-origins lets in.
'use strict';

const wsbootConfig = (() => {
	let cached = null;

	async function load() {
		try {
			const response = await fetch('/config.json', { cache: 'no-store' });
			if (response.ok) {
				cached = await response.json();
			}
		}
		catch (e) {
			// the web server may be restarting too: keep the last answer
		}
		if (cached === null) {
			throw new Error('cannot read /config.json');
		}
		return cached;
	}

	async function url(path) {
		const config = await load();
		return `${config.wsScheme}://${location.hostname}:${config.wsPort}${path}`;
	}

	return { load, url };
})();
