package dev.mpredis.bench.clients;

import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.NearCacheBenchClient;
import dev.mpredis.bench.Payload;
import org.redisson.Redisson;
import org.redisson.api.RClientSideCaching;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.ClientSideCachingOptions;
import org.redisson.codec.TypedJsonJacksonCodec;
import org.redisson.config.Config;
import org.redisson.config.Protocol;

/**
 * Redisson's near cache for plain keys: {@code RClientSideCaching} (RESP3 and CLIENT TRACKING, as
 * Redisson requires for it), its buckets read and written with the same {@code
 * TypedJsonJacksonCodec} as {@link RedissonBenchClient}; cache size {@value #CACHE_SIZE} entries,
 * Redisson's other defaults. Redisson's other near cache, {@code RLocalCachedMap}, keeps the values
 * in one Redis hash instead of W4's keys, so it does not fit this workload's data.
 */
public final class RedissonNearCacheClient implements NearCacheBenchClient {

  /** Room for every hot key, with margin. */
  static final int CACHE_SIZE = 1_000;

  private final RedissonClient redisson;
  private final RClientSideCaching caching;
  private final TypedJsonJacksonCodec codec;

  /** Connects to the server at {@code endpoint} over RESP3 and opens the client-side cache. */
  public RedissonNearCacheClient(Endpoint endpoint) {
    Config config = new Config();
    config.setProtocol(Protocol.RESP3);
    config.useSingleServer().setAddress(endpoint.uri());
    redisson = Redisson.create(config);
    caching = redisson.getClientSideCaching(ClientSideCachingOptions.defaults().size(CACHE_SIZE));
    codec = new TypedJsonJacksonCodec(Payload.class, Dataset.MAPPER);
  }

  @Override
  public Payload read(String key) {
    return caching.<Payload>getBucket(key, codec).get();
  }

  @Override
  public void write(String key, Payload value) {
    caching.<Payload>getBucket(key, codec).set(value);
  }

  @Override
  public void close() {
    try {
      caching.destroy();
    } finally {
      redisson.shutdown();
    }
  }
}
