package dev.mpredis.bench.clients;

import dev.mpredis.bench.BenchClient;
import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.Payload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.RedisClient;

/**
 * Jedis 8. W1 and W2 use {@code RedisClient} (the pooled client that replaced {@code JedisPooled}:
 * each command borrows a pooled connection internally); W3 uses {@code JedisPool} explicitly,
 * {@code getResource()} and {@code close()} around one GET. Both pools hold up to {@value
 * #POOL_SIZE} connections. Keys and values go through the binary API, values as Jackson's bytes.
 */
public final class JedisBenchClient implements BenchClient {

  /** The pools' maximum, the largest thread count of docs/benchmarks.md. */
  static final int POOL_SIZE = 32;

  private final RedisClient client;
  private final JedisPool pool;

  /** Connects to the server at {@code endpoint}. */
  public JedisBenchClient(Endpoint endpoint) {
    GenericObjectPoolConfig<Connection> clientPool = new GenericObjectPoolConfig<>();
    clientPool.setMaxTotal(POOL_SIZE);
    clientPool.setMaxIdle(POOL_SIZE);
    clientPool.setJmxEnabled(false);
    client =
        RedisClient.builder()
            .hostAndPort(endpoint.host(), endpoint.port())
            .poolConfig(clientPool)
            .build();
    GenericObjectPoolConfig<Jedis> jedisPool = new GenericObjectPoolConfig<>();
    jedisPool.setMaxTotal(POOL_SIZE);
    jedisPool.setMaxIdle(POOL_SIZE);
    jedisPool.setJmxEnabled(false);
    pool = new JedisPool(jedisPool, endpoint.host(), endpoint.port());
  }

  private static byte[] raw(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void cacheValue(String key, Payload value, long ttlSeconds) {
    client.setex(raw(key), ttlSeconds, Dataset.toJson(value));
  }

  @Override
  public Payload getCachedValue(String key) {
    return Dataset.fromJson(client.get(raw(key)));
  }

  @Override
  public void writeAll(List<String> keys, List<Payload> values) {
    Batches.requireSameSize(keys, values);
    for (int from = 0; from < keys.size(); from += Dataset.BATCH) {
      int to = Batches.end(from, keys.size());
      byte[][] pairs = new byte[2 * (to - from)][];
      for (int i = from; i < to; i++) {
        pairs[2 * (i - from)] = raw(keys.get(i));
        pairs[2 * (i - from) + 1] = Dataset.toJson(values.get(i));
      }
      client.mset(pairs);
    }
  }

  @Override
  public List<Payload> readAll(List<String> keys) {
    List<Payload> result = new ArrayList<>(keys.size());
    for (int from = 0; from < keys.size(); from += Dataset.BATCH) {
      int to = Batches.end(from, keys.size());
      byte[][] batch = new byte[to - from][];
      for (int i = from; i < to; i++) {
        batch[i - from] = raw(keys.get(i));
      }
      for (byte[] json : client.mget(batch)) {
        result.add(Dataset.fromJson(json));
      }
    }
    return result;
  }

  @Override
  public Payload leaseAndGet(String key) {
    try (Jedis jedis = pool.getResource()) {
      return Dataset.fromJson(jedis.get(raw(key)));
    }
  }

  @Override
  public void close() {
    pool.close();
    client.close();
  }
}
