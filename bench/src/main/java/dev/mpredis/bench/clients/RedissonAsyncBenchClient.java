package dev.mpredis.bench.clients;

import dev.mpredis.bench.AsyncBenchClient;
import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.Payload;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.codec.TypedJsonJacksonCodec;
import org.redisson.config.Config;

/**
 * Redisson async: {@code RBucket<Payload>.setAsync(value, ttl)} and {@code getAsync()} with the
 * same {@code TypedJsonJacksonCodec} as {@link RedissonBenchClient} (the codec parses on Redisson's
 * I/O thread). Pool settings are Redisson's defaults.
 */
public final class RedissonAsyncBenchClient implements AsyncBenchClient {

  private final RedissonClient redisson;
  private final TypedJsonJacksonCodec codec;

  /** Connects to the server at {@code endpoint}. */
  public RedissonAsyncBenchClient(Endpoint endpoint) {
    Config config = new Config();
    config.useSingleServer().setAddress(endpoint.uri());
    redisson = Redisson.create(config);
    codec = new TypedJsonJacksonCodec(Payload.class, Dataset.MAPPER);
  }

  @Override
  public CompletionStage<?> cacheValueAsync(String key, Payload value, long ttlSeconds) {
    return redisson.<Payload>getBucket(key, codec).setAsync(value, Duration.ofSeconds(ttlSeconds));
  }

  @Override
  public CompletionStage<Payload> getCachedValueAsync(String key) {
    return redisson.<Payload>getBucket(key, codec).getAsync();
  }

  @Override
  public void close() {
    redisson.shutdown();
  }
}
