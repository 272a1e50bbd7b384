package dev.mpredis.bench.clients;

import dev.mpredis.bench.BenchClient;
import dev.mpredis.bench.Dataset;
import dev.mpredis.bench.Endpoint;
import dev.mpredis.bench.Payload;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ValueOperations;
import org.springframework.data.redis.serializer.Jackson2JsonRedisSerializer;
import org.springframework.data.redis.serializer.StringRedisSerializer;

/**
 * Spring Data Redis on Lettuce: {@code RedisTemplate<String, Payload>} with a string key serializer
 * and {@code Jackson2JsonRedisSerializer} on the shared (Jackson 2) mapper; the connection factory
 * shares one native connection (its default). W2 uses {@code multiSet}/{@code multiGet} (MSET/MGET)
 * in batches. Every template call takes a connection handle from the factory and releases it, which
 * is Spring's lease: W3 is one {@code opsForValue().get()}.
 */
public final class SpringBenchClient implements BenchClient {

  private final LettuceConnectionFactory factory;
  private final ValueOperations<String, Payload> values;

  /** Connects to the server at {@code endpoint}. */
  @SuppressWarnings("deprecation") // Jackson2JsonRedisSerializer: the Jackson 2 one, as the peers.
  public SpringBenchClient(Endpoint endpoint) {
    factory =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration(endpoint.host(), endpoint.port()));
    factory.afterPropertiesSet();
    factory.start();
    RedisTemplate<String, Payload> template = new RedisTemplate<>();
    template.setConnectionFactory(factory);
    template.setKeySerializer(StringRedisSerializer.UTF_8);
    template.setValueSerializer(new Jackson2JsonRedisSerializer<>(Dataset.MAPPER, Payload.class));
    template.afterPropertiesSet();
    values = template.opsForValue();
  }

  @Override
  public void cacheValue(String key, Payload value, long ttlSeconds) {
    values.set(key, value, Duration.ofSeconds(ttlSeconds));
  }

  @Override
  public Payload getCachedValue(String key) {
    return values.get(key);
  }

  @Override
  public void writeAll(List<String> keys, List<Payload> payloads) {
    Batches.requireSameSize(keys, payloads);
    for (int from = 0; from < keys.size(); from += Dataset.BATCH) {
      int to = Batches.end(from, keys.size());
      Map<String, Payload> batch = new LinkedHashMap<>(2 * (to - from));
      for (int i = from; i < to; i++) {
        batch.put(keys.get(i), payloads.get(i));
      }
      values.multiSet(batch);
    }
  }

  @Override
  public List<Payload> readAll(List<String> keys) {
    List<Payload> result = new java.util.ArrayList<>(keys.size());
    for (int from = 0; from < keys.size(); from += Dataset.BATCH) {
      result.addAll(values.multiGet(keys.subList(from, Batches.end(from, keys.size()))));
    }
    return result;
  }

  @Override
  public Payload leaseAndGet(String key) {
    return values.get(key);
  }

  @Override
  public void close() {
    factory.destroy();
  }
}
