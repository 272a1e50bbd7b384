package dev.mpredis.bench.clients;

import dev.mpredis.bench.AsyncBenchClient;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.Payload;
import dev.mpredis.redis.CacheValue;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.ReadAs;
import dev.mpredis.redis.Redis;
import java.util.concurrent.CompletionStage;

/**
 * mp-redis through the machines' typed async face, as the README shows it: {@code
 * CacheValue.INSTANCE.runAsync(inputs)} and {@code GetCachedValue.INSTANCE.runAsync(inputs,
 * ReadAs.of(Payload.class))} on one manager and one shared lease. The machines' stages never fail;
 * a failure exit is turned into a failed stage here ({@code orThrow}), so the benchmark stops on it
 * as it does on a peer's failed command.
 */
public final class MpRedisAsyncBenchClient implements AsyncBenchClient {

  private static final ReadAs<Payload> AS_PAYLOAD = ReadAs.of(Payload.class);

  private final Manager manager;
  private final Connection connection;

  /** Creates a manager for the server at {@code endpoint} and leases one connection. */
  public MpRedisAsyncBenchClient(Endpoint endpoint) {
    manager = Redis.createManager(endpoint.uri()).orThrow();
    connection = Redis.getConnection(manager).orThrow();
  }

  @Override
  public CompletionStage<?> cacheValueAsync(String key, Payload value, long ttlSeconds) {
    return CacheValue.INSTANCE
        .runAsync(new CacheValue.Inputs(connection, key, value, ttlSeconds, null))
        .thenApply(CacheValue.Result::orThrow);
  }

  @Override
  public CompletionStage<Payload> getCachedValueAsync(String key) {
    return GetCachedValue.INSTANCE
        .runAsync(new GetCachedValue.Inputs(connection, key, null), AS_PAYLOAD)
        .thenApply(result -> result.orElse(null));
  }

  @Override
  public void close() {
    manager.close();
  }
}
