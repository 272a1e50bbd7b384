package dev.mpredis.bench.clients;

import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.NearCacheBenchClient;
import dev.mpredis.bench.Payload;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lettuce's near cache as its documentation sets it up: {@code ClientSideCaching.enable} over a
 * {@code ConcurrentHashMap}, on one shared connection (RESP3, which Lettuce negotiates on Redis 6+)
 * with {@code CLIENT TRACKING on} in the default mode (the server remembers the keys this
 * connection read and pushes an invalidation when one changes). The map holds the JSON bytes, so
 * every read still parses. Writes are SETs on the same connection; the server's invalidation evicts
 * the entry.
 */
public final class LettuceNearCacheClient implements NearCacheBenchClient {

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisCommands<String, byte[]> sync;
  private final CacheFrontend<String, byte[]> frontend;

  /** Connects to the server at {@code endpoint} and turns tracking on. */
  public LettuceNearCacheClient(Endpoint endpoint) {
    client = RedisClient.create(RedisURI.create(endpoint.uri()));
    connection = client.connect(LettuceBenchClient.CODEC);
    sync = connection.sync();
    frontend =
        ClientSideCaching.enable(
            CacheAccessor.forMap(new ConcurrentHashMap<>()),
            connection,
            TrackingArgs.Builder.enabled());
  }

  @Override
  public Payload read(String key) {
    return Dataset.fromJson(frontend.get(key));
  }

  @Override
  public void write(String key, Payload value) {
    sync.set(key, Dataset.toJson(value));
  }

  @Override
  public void close() {
    frontend.close(); // closes the connection it was enabled on
    client.shutdown();
  }
}
