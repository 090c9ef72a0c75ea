package io.wsboot.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

import io.wsboot.engine.OriginPolicy;
import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.TrustedProxies;
import io.wsboot.engine.WsLimits;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Maps the {@code wsboot.*} properties onto the engine's builders, one
 * {@link PropertyMapper} mapping per property.
 *
 * <p>
 * The engine's records ({@link ServerConfig}, {@link WsLimits},
 * {@link PerMessageDeflate}) are the one place that checks values. To fail binding with
 * the property named, {@link #validate(Errors)} applies each property on its own to the
 * engine's defaults and rejects the property whose value the engine refuses, with the
 * engine's reason.
 *
 * @author wsboot
 */
final class WsPropertiesMapper {

	private final List<Mapping> mappings;

	WsPropertiesMapper(WsProperties properties) {
		this.mappings = mappings(properties);
	}

	/**
	 * Return a builder with every property applied; TLS and the listener are left to the
	 * caller.
	 * @return the builder
	 */
	ServerConfig.Builder toServerConfig() {
		Builders builders = new Builders();
		this.mappings.forEach((mapping) -> mapping.apply().accept(builders));
		return builders.serverConfig();
	}

	/**
	 * Reject every property whose value the engine refuses.
	 * @param errors where to report, with field names relative to {@code wsboot}
	 */
	void validate(Errors errors) {
		for (Mapping mapping : this.mappings) {
			try {
				Builders builders = new Builders();
				mapping.apply().accept(builders);
				builders.serverConfig().build();
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue(mapping.property(), "invalid", ex.getMessage());
			}
		}
	}

	private static List<Mapping> mappings(WsProperties properties) {
		PropertyMapper map = PropertyMapper.get();
		WsProperties.Server server = properties.getServer();
		LimitsProperties limits = properties.getLimits();
		CompressionProperties compression = properties.getCompression();
		return List.of(new Mapping("server.address", (to) -> map.from(server::getAddress).to(to.server::address)),
				new Mapping("server.port", (to) -> map.from(server::getPort).to(to.server::port)),
				new Mapping("server.eventLoops", (to) -> map.from(server::getEventLoops).to(to.server::eventLoops)),
				new Mapping("server.maxConnections",
						(to) -> map.from(server::getMaxConnections).to(to.server::maxConnections)),
				new Mapping("server.maxConnectionsPerAddress",
						(to) -> map.from(server::getMaxConnectionsPerAddress).to(to.server::maxConnectionsPerAddress)),
				new Mapping("server.shutdownTimeout",
						(to) -> map.from(server::getShutdownTimeout).to(to.server::shutdownTimeout)),
				new Mapping("server.allowedOrigins", (to) -> map.from(server)
					.as((origins) -> new OriginPolicy(origins.getAllowedOrigins(), origins.isAllowMissingOrigin()))
					.to(to.server::originPolicy)),
				new Mapping("server.proxyProtocol",
						(to) -> map.from(server::getProxyProtocol).to(to.server::proxyProtocol)),
				new Mapping("server.trustedProxies",
						(to) -> map.from(server::getTrustedProxies)
							.as(TrustedProxies::of)
							.to(to.server::trustedProxies)),
				new Mapping("limits.maxPendingHandshakes",
						(to) -> map.from(limits::getMaxPendingHandshakes).to(to.server::maxPendingHandshakes)),
				new Mapping("limits.maxMessagesPerSecond",
						(to) -> map.from(limits::getMaxMessagesPerSecond).to(to.limits::maxMessagesPerSecond)),
				new Mapping("limits.messageBurst",
						(to) -> map.from(limits::getMessageBurst).to(to.limits::messageBurst)),
				new Mapping("limits.messageRatePolicy",
						(to) -> map.from(limits::getMessageRatePolicy).to(to.limits::messageRatePolicy)),
				new Mapping("limits.maxFramePayloadSize",
						(to) -> map.from(limits::getMaxFramePayloadSize)
							.as(DataSize::toBytes)
							.to(to.limits::maxFramePayloadBytes)),
				new Mapping("limits.maxMessageSize",
						(to) -> map.from(limits::getMaxMessageSize)
							.as(DataSize::toBytes)
							.to(to.limits::maxMessageBytes)),
				new Mapping("limits.maxHandshakeHeadSize",
						(to) -> map.from(limits::getMaxHandshakeHeadSize)
							.as(WsPropertiesMapper::toIntBytes)
							.to(to.limits::maxHandshakeHeadBytes)),
				new Mapping("limits.maxOutboundQueueSize",
						(to) -> map.from(limits::getMaxOutboundQueueSize)
							.as(DataSize::toBytes)
							.to(to.limits::maxOutboundQueueBytes)),
				new Mapping("limits.slowConsumerPolicy",
						(to) -> map.from(limits::getSlowConsumerPolicy).to(to.limits::slowConsumerPolicy)),
				new Mapping("limits.handshakeTimeout",
						(to) -> map.from(limits::getHandshakeTimeout).to(to.limits::handshakeTimeout)),
				new Mapping("limits.idleTimeout", (to) -> map.from(limits::getIdleTimeout).to(to.limits::idleTimeout)),
				new Mapping("limits.closeTimeout",
						(to) -> map.from(limits::getCloseTimeout).to(to.limits::closeTimeout)),
				new Mapping("limits.pingInterval",
						(to) -> map.from(limits::getPingInterval).to(to.limits::pingInterval)),
				new Mapping("compression.enabled", (to) -> map.from(compression::isEnabled).to(to.deflate::enabled)),
				new Mapping("compression.threshold",
						(to) -> map.from(compression::getThreshold)
							.as(WsPropertiesMapper::toIntBytes)
							.to(to.deflate::compressionThresholdBytes)),
				new Mapping("compression.level",
						(to) -> map.from(compression::getLevel).to(to.deflate::compressionLevel)),
				new Mapping("compression.serverNoContextTakeover",
						(to) -> map.from(compression::isServerNoContextTakeover)
							.to(to.deflate::serverNoContextTakeover)),
				new Mapping("compression.clientNoContextTakeover",
						(to) -> map.from(compression::isClientNoContextTakeover)
							.to(to.deflate::clientNoContextTakeover)));
	}

	/**
	 * The engine keeps these sizes in an {@code int}, since they size arrays.
	 */
	private static int toIntBytes(DataSize size) {
		long bytes = size.toBytes();
		if (bytes > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("must be at most " + Integer.MAX_VALUE + "B but was " + size);
		}
		return (int) bytes;
	}

	/**
	 * One property, named as its field relative to {@code wsboot}, and how it sets the
	 * builders.
	 */
	private record Mapping(String property, Consumer<Builders> apply) {

	}

	/**
	 * The builders of the engine's configuration, starting from the engine's defaults.
	 */
	private static final class Builders {

		private final ServerConfig.Builder server = ServerConfig.builder();

		private final WsLimits.Builder limits = WsLimits.builder();

		private final PerMessageDeflate.Builder deflate = PerMessageDeflate.builder();

		ServerConfig.Builder serverConfig() {
			return this.server.limits(this.limits.build()).perMessageDeflate(this.deflate.build());
		}

	}

}
