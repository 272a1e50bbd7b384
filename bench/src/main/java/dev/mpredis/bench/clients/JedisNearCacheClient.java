package dev.mpredis.bench.clients;

import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.NearCacheBenchClient;
import dev.mpredis.bench.Payload;
import java.nio.charset.StandardCharsets;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.csc.CacheConfig;

/**
 * Jedis's client-side cache: the pooled {@code RedisClient} of {@link JedisBenchClient} (max
 * {@value JedisBenchClient#POOL_SIZE}) over RESP3 with a {@code CacheConfig} of {@value
 * #CACHE_SIZE} entries (Jedis's default eviction and cacheable commands, GET among them). The cache
 * holds the reply bytes, so every read still parses. Jedis refuses servers older than Redis 7.4
 * ("Client side caching is only supported with 'Redis 7.4' or later"), which is why the default run
 * leaves this client out on them.
 */
public final class JedisNearCacheClient implements NearCacheBenchClient {

  /** Room for every hot key, with margin. */
  static final int CACHE_SIZE = 1_000;

  private final RedisClient client;

  /** Connects to the server at {@code endpoint} over RESP3 with the client-side cache on. */
  public JedisNearCacheClient(Endpoint endpoint) {
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(JedisBenchClient.POOL_SIZE);
    pool.setMaxIdle(JedisBenchClient.POOL_SIZE);
    pool.setJmxEnabled(false);
    client =
        RedisClient.builder()
            .hostAndPort(endpoint.host(), endpoint.port())
            .clientConfig(DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())
            .cacheConfig(CacheConfig.builder().maxSize(CACHE_SIZE).build())
            .poolConfig(pool)
            .build();
  }

  private static byte[] raw(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Payload read(String key) {
    return Dataset.fromJson(client.get(raw(key)));
  }

  @Override
  public void write(String key, Payload value) {
    client.set(raw(key), Dataset.toJson(value));
  }

  @Override
  public void close() {
    client.close();
  }
}
