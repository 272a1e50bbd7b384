package dev.mpredis.bench.clients;

import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.NearCacheBenchClient;
import dev.mpredis.bench.Payload;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;

/**
 * mp-redis with its near cache: the typed API of {@link MpRedisTypedBenchClient} (one manager, one
 * shared lease, {@code get-cached-value} read straight into {@link Payload}, {@code cache-value}
 * without expiry) on a manager created with {@code ?}{@value #OPTION} appended to the connection
 * string; the option's other settings are its defaults (10,000 entries, copies live 1 minute at
 * most: room for every hot key, and longer than an iteration).
 */
public final class MpRedisNearCacheClient implements NearCacheBenchClient {

  /** The connection-string option that turns the near cache on. */
  static final String OPTION = "nearCache=true";

  private final Manager manager;
  private final Connection connection;

  /** Creates a near-cached manager for the server at {@code endpoint} and leases one connection. */
  public MpRedisNearCacheClient(Endpoint endpoint) {
    manager = Redis.createManager(endpoint.uri() + "?" + OPTION).orThrow();
    connection = Redis.getConnection(manager).orThrow();
  }

  @Override
  public Payload read(String key) {
    return Redis.getCachedValue(connection, key, Payload.class).orElse(null);
  }

  @Override
  public void write(String key, Payload value) {
    Redis.cacheValue(connection, key, value).orThrow();
  }

  @Override
  public void close() {
    // What the near cache did in this fork (hits, misses, ...): the manager's toString says.
    System.err.println("mpredis-near: " + manager);
    manager.close();
  }
}
