package dev.mpredis.bench.clients;

import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.NearCacheBenchClient;
import dev.mpredis.bench.Payload;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * W4's baseline: raw Lettuce as in W1 (one shared connection, sync API, Jackson by hand), with no
 * near cache, so every read is a GET and a parse.
 */
public final class LettuceWithoutNearCacheClient implements NearCacheBenchClient {

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisCommands<String, byte[]> sync;

  /** Connects to the server at {@code endpoint}. */
  public LettuceWithoutNearCacheClient(Endpoint endpoint) {
    client = RedisClient.create(RedisURI.create(endpoint.uri()));
    connection = client.connect(LettuceBenchClient.CODEC);
    sync = connection.sync();
  }

  @Override
  public Payload read(String key) {
    return Dataset.fromJson(sync.get(key));
  }

  @Override
  public void write(String key, Payload value) {
    sync.set(key, Dataset.toJson(value));
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
