package dev.mpredis.bench.clients;

import dev.mpredis.bench.AsyncBenchClient;
import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.Payload;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletionStage;

/**
 * Raw Lettuce async, as an application would use it: {@code RedisAsyncCommands} of one shared
 * connection (String keys, byte[] values, Lettuce's defaults: every command flushed as it is
 * issued), Jackson called by hand in a {@code thenApply} on the reply.
 */
public final class LettuceAsyncBenchClient implements AsyncBenchClient {

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisAsyncCommands<String, byte[]> async;

  /** Connects to the server at {@code endpoint}. */
  public LettuceAsyncBenchClient(Endpoint endpoint) {
    client = RedisClient.create(RedisURI.create(endpoint.uri()));
    connection = client.connect(LettuceBenchClient.CODEC);
    async = connection.async();
  }

  @Override
  public CompletionStage<?> cacheValueAsync(String key, Payload value, long ttlSeconds) {
    return async.setex(key, ttlSeconds, Dataset.toJson(value));
  }

  @Override
  public CompletionStage<Payload> getCachedValueAsync(String key) {
    return async.get(key).thenApply(Dataset::fromJson);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
