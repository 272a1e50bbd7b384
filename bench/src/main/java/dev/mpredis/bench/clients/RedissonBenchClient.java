package dev.mpredis.bench.clients;

import dev.mpredis.bench.BenchClient;
import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.Payload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.Redisson;
import org.redisson.api.RBuckets;
import org.redisson.api.RedissonClient;
import org.redisson.codec.TypedJsonJacksonCodec;
import org.redisson.config.Config;

/**
 * Redisson: {@code RBucket<Payload>} with {@code TypedJsonJacksonCodec} on the shared mapper, so
 * the stored value is the plain JSON text (no class name in it). W2 uses {@code RBuckets}
 * (MSET/MGET in batches). Redisson has no user-visible lease: it takes a connection from its own
 * pool for every command, so W3 is one {@code RBucket.get()}. Pool settings are Redisson's
 * defaults.
 */
public final class RedissonBenchClient implements BenchClient {

  private final RedissonClient redisson;
  private final TypedJsonJacksonCodec codec;

  /** Connects to the server at {@code endpoint}. */
  public RedissonBenchClient(Endpoint endpoint) {
    Config config = new Config();
    config.useSingleServer().setAddress(endpoint.uri());
    redisson = Redisson.create(config);
    codec = new TypedJsonJacksonCodec(Payload.class, Dataset.MAPPER);
  }

  @Override
  public void cacheValue(String key, Payload value, long ttlSeconds) {
    redisson.<Payload>getBucket(key, codec).set(value, Duration.ofSeconds(ttlSeconds));
  }

  @Override
  public Payload getCachedValue(String key) {
    return redisson.<Payload>getBucket(key, codec).get();
  }

  @Override
  public void writeAll(List<String> keys, List<Payload> values) {
    Batches.requireSameSize(keys, values);
    RBuckets buckets = redisson.getBuckets(codec);
    for (int from = 0; from < keys.size(); from += Dataset.BATCH) {
      int to = Batches.end(from, keys.size());
      Map<String, Payload> batch = new LinkedHashMap<>(2 * (to - from));
      for (int i = from; i < to; i++) {
        batch.put(keys.get(i), values.get(i));
      }
      buckets.set(batch);
    }
  }

  @Override
  public List<Payload> readAll(List<String> keys) {
    RBuckets buckets = redisson.getBuckets(codec);
    List<Payload> result = new ArrayList<>(keys.size());
    for (int from = 0; from < keys.size(); from += Dataset.BATCH) {
      List<String> batch = keys.subList(from, Batches.end(from, keys.size()));
      Map<String, Payload> found = buckets.get(batch.toArray(new String[0]));
      for (String key : batch) {
        result.add(found.get(key));
      }
    }
    return result;
  }

  @Override
  public Payload leaseAndGet(String key) {
    return getCachedValue(key);
  }

  @Override
  public void close() {
    redisson.shutdown();
  }
}
