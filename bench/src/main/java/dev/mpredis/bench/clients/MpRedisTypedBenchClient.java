package dev.mpredis.bench.clients;

import dev.mpredis.bench.BenchClient;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.Payload;
import dev.mpredis.redis.CacheValue;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * mp-redis through its typed API: one manager and one shared lease for W1; W2 issues every machine
 * asynchronously ({@code runAsync}) and then waits for all, which pipelines them on the shared
 * connection (there is no bulk machine yet); W3 leases, reads and releases per operation. Values
 * are written as the project's JSON and read straight into {@link Payload}.
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
    Redis.cacheValue(connection, key, value, ttlSeconds).orThrow();
  }

  @Override
  public Payload getCachedValue(String key) {
    return read(connection, key);
  }

  private static Payload read(Connection connection, String key) {
    GetCachedValue.Result result = Redis.getCachedValue(connection, key, Payload.class);
    if (result instanceof GetCachedValue.Success found) {
      return (Payload) found.value();
    }
    if (result instanceof GetCachedValue.NotFound) {
      return null;
    }
    throw new IllegalStateException(result.toString());
  }

  @Override
  public void writeAll(List<String> keys, List<Payload> values) {
    Batches.requireSameSize(keys, values);
    List<CompletableFuture<CacheValue.Result>> pending = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      pending.add(
          CacheValue.INSTANCE
              .runAsync(new CacheValue.Inputs(connection, keys.get(i), values.get(i), null, null))
              .toCompletableFuture());
    }
    for (CompletableFuture<CacheValue.Result> result : pending) {
      result.join().orThrow();
    }
  }

  @Override
  public List<Payload> readAll(List<String> keys) {
    var type = dev.mpredis.redis.internal.Json.type(Payload.class);
    List<CompletableFuture<GetCachedValue.Result>> pending = new ArrayList<>(keys.size());
    for (String key : keys) {
      pending.add(
          GetCachedValue.INSTANCE
              .runAsync(new GetCachedValue.Inputs(connection, key, null), type)
              .toCompletableFuture());
    }
    List<Payload> values = new ArrayList<>(keys.size());
    for (CompletableFuture<GetCachedValue.Result> result : pending) {
      GetCachedValue.Result exit = result.join();
      values.add(exit instanceof GetCachedValue.Success found ? (Payload) found.value() : null);
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
