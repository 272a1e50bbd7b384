package dev.mpredis.bench.clients;

import dev.mpredis.bench.BenchClient;
import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.Payload;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.support.ConnectionPoolSupport;
import java.util.List;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Lettuce with its commons-pool2 support ({@code ConnectionPoolSupport}): every operation borrows a
 * connection and returns it (closing the pooled wrapper returns it). The pool holds up to {@value
 * #POOL_SIZE} connections, one per benchmark thread at most. Meant for W3; the other operations
 * borrow the same way.
 */
public final class LettucePoolBenchClient implements BenchClient {

  /** The pool's maximum, the largest thread count of docs/benchmarks.md. */
  static final int POOL_SIZE = 32;

  private final RedisClient client;
  private final GenericObjectPool<StatefulRedisConnection<String, byte[]>> pool;
  private final LettuceBenchClient bulk;

  /** Connects to the server at {@code endpoint}. */
  public LettucePoolBenchClient(Endpoint endpoint) {
    client = RedisClient.create(RedisURI.create(endpoint.uri()));
    GenericObjectPoolConfig<StatefulRedisConnection<String, byte[]>> config =
        new GenericObjectPoolConfig<>();
    config.setMaxTotal(POOL_SIZE);
    config.setMaxIdle(POOL_SIZE);
    config.setJmxEnabled(false);
    pool =
        ConnectionPoolSupport.createGenericObjectPool(
            () -> client.connect(LettuceBenchClient.CODEC), config);
    bulk = new LettuceBenchClient(endpoint);
  }

  private StatefulRedisConnection<String, byte[]> borrow() {
    try {
      return pool.borrowObject();
    } catch (Exception e) {
      throw new IllegalStateException("could not borrow a connection from the Lettuce pool", e);
    }
  }

  @Override
  public void cacheValue(String key, Payload value, long ttlSeconds) {
    try (StatefulRedisConnection<String, byte[]> connection = borrow()) {
      connection.sync().setex(key, ttlSeconds, Dataset.toJson(value));
    }
  }

  @Override
  public Payload getCachedValue(String key) {
    try (StatefulRedisConnection<String, byte[]> connection = borrow()) {
      return Dataset.fromJson(connection.sync().get(key));
    }
  }

  /** Bulk work has no reason to go through the pool: one connection, as raw Lettuce. */
  @Override
  public void writeAll(List<String> keys, List<Payload> values) {
    bulk.writeAll(keys, values);
  }

  @Override
  public List<Payload> readAll(List<String> keys) {
    return bulk.readAll(keys);
  }

  @Override
  public Payload leaseAndGet(String key) {
    return getCachedValue(key);
  }

  @Override
  public void close() {
    bulk.close();
    pool.close();
    client.shutdown();
  }
}
