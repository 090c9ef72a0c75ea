package io.wsboot.engine;

import java.util.List;
import java.util.Objects;

/**
 * A path (or path template such as {@code /chat/{room}}) served by a handler, with the
 * endpoint's own subprotocols, limits and upgrade checks.
 *
 * @param pathTemplate the path or template; exact paths win over templates
 * @param handler the handler of the endpoint's sessions
 * @param subprotocols the subprotocols the endpoint speaks, in its own order of
 * preference
 * @param limits the limits of the endpoint's sessions
 * @param upgradeChecks run in order before the upgrade is accepted
 * @param extensionsEnabled whether extensions such as permessage-deflate may be
 * negotiated
 * @author wsboot
 */
public record Endpoint(String pathTemplate, WsHandler handler, List<String> subprotocols, WsLimits limits,
		List<UpgradeCheck> upgradeChecks, boolean extensionsEnabled) {

	/**
	 * Create an endpoint, copying the lists.
	 * @param pathTemplate the path or template
	 * @param handler the handler
	 * @param subprotocols the subprotocols in order of preference
	 * @param limits the limits
	 * @param upgradeChecks the upgrade checks
	 * @param extensionsEnabled whether extensions may be negotiated
	 */
	public Endpoint {
		Objects.requireNonNull(pathTemplate, "pathTemplate");
		Objects.requireNonNull(handler, "handler");
		Objects.requireNonNull(limits, "limits");
		subprotocols = List.copyOf(subprotocols);
		upgradeChecks = List.copyOf(upgradeChecks);
	}

	/**
	 * Create an endpoint with default limits and nothing else.
	 * @param pathTemplate the path or template
	 * @param handler the handler
	 * @return the endpoint
	 */
	public static Endpoint of(String pathTemplate, WsHandler handler) {
		return new Endpoint(pathTemplate, handler, List.of(), WsLimits.DEFAULTS, List.of(), true);
	}

	/**
	 * Return a copy with other limits.
	 * @param limits the limits
	 * @return the endpoint
	 */
	public Endpoint withLimits(WsLimits limits) {
		return new Endpoint(this.pathTemplate, this.handler, this.subprotocols, limits, this.upgradeChecks,
				this.extensionsEnabled);
	}

	/**
	 * Return a copy with other subprotocols.
	 * @param subprotocols the subprotocols in order of preference
	 * @return the endpoint
	 */
	public Endpoint withSubprotocols(List<String> subprotocols) {
		return new Endpoint(this.pathTemplate, this.handler, subprotocols, this.limits, this.upgradeChecks,
				this.extensionsEnabled);
	}

	/**
	 * Return a copy with other upgrade checks.
	 * @param upgradeChecks the checks, run in order
	 * @return the endpoint
	 */
	public Endpoint withUpgradeChecks(List<UpgradeCheck> upgradeChecks) {
		return new Endpoint(this.pathTemplate, this.handler, this.subprotocols, this.limits, upgradeChecks,
				this.extensionsEnabled);
	}

}
