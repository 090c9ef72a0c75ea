package io.wsboot.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.wsboot.streams.StreamHistory;
import io.wsboot.streams.StreamPublication;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;

/**
 * A {@link StreamHistory} in Redis Streams, shared by every node of a cluster, so that
 * any node can serve a recovery. Each stream has a hash
 * {@code {prefix}:stream-meta:{name}} with its epoch and last offset, and a Redis stream
 * {@code {prefix}:stream:{name}} whose entry ids are {@code 0-<offset>}. Appending is one
 * script: it takes the next offset and adds the entry with {@code XADD ... MAXLEN ~}, so
 * offsets have no gaps whichever node appends. Reading is one script too
 * ({@code XRANGE}), so the last offset and the entries agree. When the keys are lost (a
 * {@code FLUSHALL}, a restart without persistence) the next append or read starts a new
 * epoch.
 *
 * @author wsboot
 */
public final class RedisStreamHistory implements StreamHistory {

	/** Bytes of randomness in an epoch. */
	private static final int EPOCH_BYTES = 6;

	private static final byte[] APPEND = bytes("""
			if redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1]) == 1 then redis.call('DEL', KEYS[2]) end
			local offset = redis.call('HINCRBY', KEYS[1], 'offset', 1)
			redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '0-' .. offset, 'd', ARGV[3], 't', ARGV[4])
			redis.call('PEXPIRE', KEYS[2], ARGV[5])
			return {redis.call('HGET', KEYS[1], 'epoch'), offset}
			""");

	private static final byte[] READ = bytes(
			"""
					if redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1]) == 1 then redis.call('DEL', KEYS[2]) end
					local result = {redis.call('HGET', KEYS[1], 'epoch'), tonumber(redis.call('HGET', KEYS[1], 'offset') or '0')}
					if ARGV[2] ~= '' then
					  local minTime = tonumber(ARGV[3])
					  for _, entry in ipairs(redis.call('XRANGE', KEYS[2], ARGV[2], '+')) do
					    local fields = entry[2]
					    local data, time
					    for i = 1, #fields, 2 do
					      if fields[i] == 'd' then data = fields[i + 1] elseif fields[i] == 't' then time = tonumber(fields[i + 1]) end
					    end
					    if data and time and time >= minTime then
					      result[#result + 1] = string.sub(entry[1], 3)
					      result[#result + 1] = data
					    end
					  end
					end
					return result
					""");

	private final RedisConnectionFactory connectionFactory;

	private final String prefix;

	private final int maxSize;

	private final Duration ttl;

	private final Clock clock;

	/**
	 * Create a history.
	 * @param connectionFactory the application's Redis connections
	 * @param prefix the prefix of the keys, such as the cluster's channel prefix
	 * @param maxSize the number of publications each stream keeps, at least (Redis trims
	 * whole nodes of a stream, so a few more may stay)
	 * @param ttl how long a publication is kept
	 */
	public RedisStreamHistory(RedisConnectionFactory connectionFactory, String prefix, int maxSize, Duration ttl) {
		this(connectionFactory, prefix, maxSize, ttl, Clock.systemUTC());
	}

	/**
	 * Create a history with a clock of its own, for tests.
	 * @param connectionFactory the application's Redis connections
	 * @param prefix the prefix of the keys
	 * @param maxSize the number of publications each stream keeps
	 * @param ttl how long a publication is kept
	 * @param clock the clock that ages publications; the nodes' clocks must agree
	 */
	public RedisStreamHistory(RedisConnectionFactory connectionFactory, String prefix, int maxSize, Duration ttl,
			Clock clock) {
		if (maxSize < 1) {
			throw new IllegalArgumentException("maxSize must be at least 1 but was " + maxSize);
		}
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive but was " + ttl);
		}
		this.connectionFactory = connectionFactory;
		this.prefix = prefix;
		this.maxSize = maxSize;
		this.ttl = ttl;
		this.clock = clock;
	}

	@Override
	public StreamPublication append(String stream, String data) {
		List<?> result = eval(APPEND, metaKey(stream), streamKey(stream), bytes(newEpoch()),
				bytes(Integer.toString(this.maxSize)), bytes(data), bytes(Long.toString(this.clock.millis())),
				bytes(Long.toString(this.ttl.toMillis())));
		return new StreamPublication(stream, string(result.get(0)), number(result.get(1)), data);
	}

	@Override
	public Slice read(String stream, long afterOffset) {
		String start = (afterOffset >= 0) ? "0-" + (afterOffset + 1) : "";
		long minTime = this.clock.millis() - this.ttl.toMillis();
		List<?> result = eval(READ, metaKey(stream), streamKey(stream), bytes(newEpoch()), bytes(start),
				bytes(Long.toString(minTime)));
		String epoch = string(result.get(0));
		List<StreamPublication> publications = new ArrayList<>((result.size() - 2) / 2);
		for (int i = 2; i + 1 < result.size(); i += 2) {
			publications.add(new StreamPublication(stream, epoch, number(result.get(i)), string(result.get(i + 1))));
		}
		return new Slice(epoch, number(result.get(1)), publications);
	}

	@Override
	public long size(String stream) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			Long length = connection.streamCommands().xLen(streamKey(stream));
			return (length != null) ? length : 0;
		}
	}

	private List<?> eval(byte[] script, byte[]... keysAndArgs) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			List<?> result = connection.scriptingCommands().eval(script, ReturnType.MULTI, 2, keysAndArgs);
			if (result == null || result.size() < 2) {
				throw new IllegalStateException("unexpected reply from Redis: " + result);
			}
			return result;
		}
	}

	private byte[] metaKey(String stream) {
		return bytes(this.prefix + ":stream-meta:" + stream);
	}

	private byte[] streamKey(String stream) {
		return bytes(this.prefix + ":stream:" + stream);
	}

	private static String newEpoch() {
		byte[] random = new byte[EPOCH_BYTES];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	private static long number(Object value) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		return Long.parseLong(string(value));
	}

	private static String string(Object value) {
		return (value instanceof byte[] raw) ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(value);
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
