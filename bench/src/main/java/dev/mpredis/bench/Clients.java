package dev.mpredis.bench;

import dev.mpredis.bench.clients.JedisBenchClient;
import dev.mpredis.bench.clients.LettuceBenchClient;
import dev.mpredis.bench.clients.LettucePoolBenchClient;
import dev.mpredis.bench.clients.MpRedisDynamicBenchClient;
import dev.mpredis.bench.clients.MpRedisTypedBenchClient;
import dev.mpredis.bench.clients.RedissonBenchClient;
import dev.mpredis.bench.clients.SpringBenchClient;
import java.util.function.Function;

/**
 * The clients the benchmarks can measure, by the name used in the JMH {@code client} parameter and
 * in the report. The benchmark classes list the names they run in their {@code @Param}.
 */
public enum Clients implements NamedClient {
  /** Raw Lettuce: one shared, thread-safe connection. The reference of every ratio. */
  LETTUCE("lettuce", LettuceBenchClient::new),
  /** Lettuce with a commons-pool2 pool ({@code ConnectionPoolSupport}): borrow per request. */
  LETTUCE_POOL("lettuce-pool", LettucePoolBenchClient::new),
  /**
   * Jedis: {@code RedisClient} (pooled, formerly {@code JedisPooled}); {@code JedisPool} for W3.
   */
  JEDIS("jedis", JedisBenchClient::new),
  /** Redisson: {@code RBucket} with a typed Jackson codec. */
  REDISSON("redisson", RedissonBenchClient::new),
  /** Spring Data Redis: {@code RedisTemplate} with a Jackson serializer, on Lettuce. */
  SPRING("spring", SpringBenchClient::new),
  /** mp-redis, typed API: one manager, shared leases, JSON read straight into the payload. */
  MPREDIS_TYPED("mpredis-typed", MpRedisTypedBenchClient::new),
  /** mp-redis by identity: {@code Redis.PACK.machine(name).run(Map)}, as a driver dispatches. */
  MPREDIS_DYNAMIC("mpredis-dynamic", MpRedisDynamicBenchClient::new);

  private final String id;
  private final Function<Endpoint, BenchClient> factory;

  Clients(String id, Function<Endpoint, BenchClient> factory) {
    this.id = id;
    this.factory = factory;
  }

  @Override
  public String id() {
    return id;
  }

  /** Opens this client against the server at {@code endpoint}. */
  public BenchClient open(Endpoint endpoint) {
    return factory.apply(endpoint);
  }

  /** The position of the client named {@code id} in the report (unknown names last). */
  public static int order(String id) {
    for (Clients client : values()) {
      if (client.id.equals(id)) {
        return client.ordinal();
      }
    }
    return Integer.MAX_VALUE;
  }

  /**
   * The client named {@code id}.
   *
   * @throws IllegalArgumentException if no client has that name
   */
  public static Clients byId(String id) {
    return NamedClient.byId(Clients.class, id);
  }
}
