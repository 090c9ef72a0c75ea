package io.wsboot.sample;

import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/ws-token}: a short-lived JWT for the signed-in user, which the chat
 * page offers as the {@code wsboot.bearer.<token>} subprotocol entry (browsers cannot set
 * an {@code Authorization} header on a WebSocket upgrade).
 *
 * @author wsboot
 */
@RestController
class WsTokenController {

	private final WsTokens tokens;

	WsTokenController(WsTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/api/ws-token")
	WsToken token(Principal principal) {
		return new WsToken(this.tokens.issue(principal.getName()), principal.getName(),
				WsTokens.TOKEN_LIFETIME.toSeconds());
	}

	/**
	 * A token for the WebSocket upgrade.
	 *
	 * @param token the signed JWT
	 * @param user who it was issued to
	 * @param expiresIn seconds until it expires
	 */
	record WsToken(String token, String user, long expiresIn) {

	}

}
