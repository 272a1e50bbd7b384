package dev.mpredis.bench.clients;

import dev.mpredis.bench.BenchClient;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.Payload;
import dev.mpredis.redis.CachedValues;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mp-redis through its typed API: one manager and one shared lease for W1; W2 uses the bulk
 * machines {@code cache-values} (MSET batches of 1000) and {@code get-cached-values} (MGET batches,
 * bound straight into {@link Payload}); W3 leases, reads and releases per operation. Values are
 * written as the project's JSON and read straight into {@link Payload}.
 */
public final class MpRedisTypedBenchClient implements BenchClient {

  private final Manager manager;
  private final Connection connection;

  /** Creates a manager for the server at {@code endpoint} and leases one connection. */
  public MpRedisTypedBenchClient(Endpoint endpoint) {
    manager = Redis.createManager(endpoint.uri()).orThrow();
    connection = Redis.getConnection(manager).orThrow();
  }

  @Override
  public void cacheValue(String key, Payload value, long ttlSeconds) {
    Redis.cacheValue(connection, key, value, Duration.ofSeconds(ttlSeconds)).orThrow();
  }

  @Override
  public Payload getCachedValue(String key) {
    return read(connection, key);
  }

  private static Payload read(Connection connection, String key) {
    return Redis.getCachedValue(connection, key, Payload.class).orElse(null);
  }

  @Override
  public void writeAll(List<String> keys, List<Payload> values) {
    Batches.requireSameSize(keys, values);
    Map<String, Object> all = new LinkedHashMap<>(2 * keys.size());
    for (int i = 0; i < keys.size(); i++) {
      all.put(keys.get(i), values.get(i));
    }
    Redis.cacheValues(connection, all).orThrow();
  }

  @Override
  public List<Payload> readAll(List<String> keys) {
    CachedValues<Payload> found = Redis.getCachedValues(connection, keys, Payload.class).orThrow();
    List<Payload> values = new ArrayList<>(keys.size());
    for (String key : keys) {
      values.add(found.values().get(key));
    }
    return values;
  }

  @Override
  public Payload leaseAndGet(String key) {
    Connection lease = Redis.getConnection(manager).orThrow();
    try {
      return read(lease, key);
    } finally {
      Redis.releaseConnection(lease).orThrow();
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
