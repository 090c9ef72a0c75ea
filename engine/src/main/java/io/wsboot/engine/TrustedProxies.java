package io.wsboot.engine;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.wsboot.engine.internal.proxy.IpLiterals;

/**
 * The peers whose word about the client's address is taken: a PROXY protocol header or
 * {@code Forwarded} / {@code X-Forwarded-For} request headers are honoured only when the
 * TCP peer (and, walking a chain of forwarded addresses, each hop) is in one of these
 * CIDR ranges, so that a client cannot claim another address by sending a header itself.
 * Only IP literals are accepted: a configured entry is never looked up by name.
 *
 * <p>
 * The default, {@link #PRIVATE_NETWORKS}, is loopback, the private and link-local ranges
 * and carrier-grade NAT (as Tomcat's {@code RemoteIpValve} internal proxies):
 * {@code 127.0.0.0/8}, {@code 10.0.0.0/8}, {@code 172.16.0.0/12}, {@code 192.168.0.0/16},
 * {@code 169.254.0.0/16}, {@code 100.64.0.0/10}, {@code ::1/128}, {@code fc00::/7} and
 * {@code fe80::/10}.
 *
 * @author wsboot
 */
public final class TrustedProxies {

	/** Loopback, private, link-local and carrier-grade NAT ranges: the default. */
	public static final TrustedProxies PRIVATE_NETWORKS = of(List.of("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12",
			"192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10", "::1/128", "fc00::/7", "fe80::/10"));

	/** No peer is trusted: forwarded addresses are never taken. */
	public static final TrustedProxies NONE = of(List.of());

	private final List<String> cidrs;

	private final Range[] ranges;

	private TrustedProxies(List<String> cidrs, Range[] ranges) {
		this.cidrs = cidrs;
		this.ranges = ranges;
	}

	/**
	 * Parse CIDR ranges such as {@code 10.0.0.0/8} or {@code fd00::/8}; an address
	 * without a prefix length is a single address.
	 * @param cidrs the ranges
	 * @return the trusted proxies
	 * @throws IllegalArgumentException naming the first entry that is not an IP range
	 */
	public static TrustedProxies of(List<String> cidrs) {
		Objects.requireNonNull(cidrs, "cidrs");
		List<Range> ranges = new ArrayList<>();
		for (String cidr : cidrs) {
			ranges.add(Range.parse(cidr.trim()));
		}
		return new TrustedProxies(List.copyOf(cidrs), ranges.toArray(Range[]::new));
	}

	/**
	 * Whether an address is in one of the ranges.
	 * @param address the address
	 * @return {@code true} when trusted
	 */
	public boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		for (Range range : this.ranges) {
			if (range.contains(bytes)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the ranges as configured.
	 * @return the CIDR ranges
	 */
	public List<String> cidrs() {
		return this.cidrs;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof TrustedProxies that) && this.cidrs.equals(that.cidrs);
	}

	@Override
	public int hashCode() {
		return this.cidrs.hashCode();
	}

	@Override
	public String toString() {
		return "TrustedProxies" + this.cidrs;
	}

	/**
	 * One range: the network's bytes and the prefix length.
	 */
	private record Range(byte[] network, int prefixLength) {

		static Range parse(String cidr) {
			int slash = cidr.indexOf('/');
			String host = (slash >= 0) ? cidr.substring(0, slash) : cidr;
			InetAddress address = IpLiterals.parse(host);
			if (address == null) {
				throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR range");
			}
			byte[] network = address.getAddress();
			int bits = network.length * 8;
			int prefixLength = bits;
			if (slash >= 0) {
				try {
					prefixLength = Integer.parseInt(cidr.substring(slash + 1));
				}
				catch (NumberFormatException ex) {
					prefixLength = -1;
				}
				if (prefixLength < 0 || prefixLength > bits) {
					throw new IllegalArgumentException(
							"'" + cidr + "' has a prefix length that is not between 0 and " + bits);
				}
			}
			return new Range(network, prefixLength);
		}

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			int full = this.prefixLength / 8;
			for (int i = 0; i < full; i++) {
				if (address[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefixLength % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (address[full] & mask) == (this.network[full] & mask);
		}

	}

}
