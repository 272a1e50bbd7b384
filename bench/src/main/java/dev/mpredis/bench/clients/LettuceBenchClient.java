package dev.mpredis.bench.clients;

import dev.mpredis.bench.BenchClient;
import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.Payload;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raw Lettuce, as an application would use it: one shared connection (String keys, byte[] values),
 * the sync API, Jackson called by hand. W2 uses MSET/MGET batches; W3's "lease" is the shared
 * connection itself, so it costs nothing beyond the GET.
 */
public final class LettuceBenchClient implements BenchClient {

  /** Keys as UTF-8 strings, values as the raw JSON bytes. */
  static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisCommands<String, byte[]> sync;

  /** Connects to the server at {@code endpoint}. */
  public LettuceBenchClient(Endpoint endpoint) {
    client = RedisClient.create(RedisURI.create(endpoint.uri()));
    connection = client.connect(CODEC);
    sync = connection.sync();
  }

  @Override
  public void cacheValue(String key, Payload value, long ttlSeconds) {
    sync.setex(key, ttlSeconds, Dataset.toJson(value));
  }

  @Override
  public Payload getCachedValue(String key) {
    return Dataset.fromJson(sync.get(key));
  }

  @Override
  public void writeAll(List<String> keys, List<Payload> values) {
    Batches.requireSameSize(keys, values);
    for (int from = 0; from < keys.size(); from += Dataset.BATCH) {
      int to = Batches.end(from, keys.size());
      Map<String, byte[]> batch = new LinkedHashMap<>(2 * (to - from));
      for (int i = from; i < to; i++) {
        batch.put(keys.get(i), Dataset.toJson(values.get(i)));
      }
      sync.mset(batch);
    }
  }

  @Override
  public List<Payload> readAll(List<String> keys) {
    List<Payload> result = new ArrayList<>(keys.size());
    for (int from = 0; from < keys.size(); from += Dataset.BATCH) {
      int to = Batches.end(from, keys.size());
      for (KeyValue<String, byte[]> entry :
          sync.mget(keys.subList(from, to).toArray(new String[0]))) {
        result.add(Dataset.fromJson(entry.getValueOrElse(null)));
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
    connection.close();
    client.shutdown();
  }
}
