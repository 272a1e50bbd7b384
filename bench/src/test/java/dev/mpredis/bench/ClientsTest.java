package dev.mpredis.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every adapter runs every operation of docs/benchmarks.md once against a real server, and stores
 * the same JSON text: the harness cannot rot silently (a peer upgrade that changes an API or a
 * codec fails here, in seconds, instead of in a half-hour benchmark run).
 */
@Tag("server")
class ClientsTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  private static Endpoint endpoint;

  @BeforeAll
  static void prefill() {
    BenchServer.of(redis.server()).prefillIfMissing();
    endpoint = new Endpoint(redis.server().host(), redis.server().port());
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void everyOperation_roundTripsTheSameJson(Clients kind) throws Exception {
    String key = "test:" + kind.id();
    try (BenchClient client = kind.open(endpoint)) {
      client.cacheValue(key, Dataset.value(7), Dataset.TTL_SECONDS);

      assertThat(client.getCachedValue(key)).isEqualTo(Dataset.value(7));
      assertThat(client.leaseAndGet(key)).isEqualTo(Dataset.value(7));
      assertThat(client.getCachedValue("test:missing")).isNull();
      assertThat((Long) redis.server().command("TTL", key)).isBetween(3500L, 3600L);
      // Stored as the plain JSON text of the payload, no type header. (Redisson's codec sorts the
      // properties alphabetically, so compare trees, not bytes.)
      String stored = (String) redis.server().command("GET", key);
      assertThat(stored).hasSameSizeAs(new String(Dataset.toJson(Dataset.value(7)), "UTF-8"));
      assertThat(Dataset.MAPPER.readTree(stored))
          .isEqualTo(Dataset.MAPPER.readTree(Dataset.toJson(Dataset.value(7))));
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void bulk_writesAndReadsAcrossBatches(Clients kind) {
    int count = Dataset.BATCH * 2 + 17;
    List<String> keys = Dataset.keys().subList(0, count).stream().map(k -> "bulk:" + k).toList();
    List<Payload> values = Dataset.values().subList(0, count);
    try (BenchClient client = kind.open(endpoint)) {
      client.writeAll(keys, values);

      assertThat(client.readAll(keys)).containsExactlyElementsOf(values);
    }
  }
}
