package dev.mpredis.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every asynchronous adapter of W1-async writes and reads back the same JSON against a real server,
 * and the in-flight window counts and checks what completes.
 */
@Tag("server")
class AsyncClientsTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  private static Endpoint endpoint;

  @BeforeAll
  static void prefill() {
    BenchServer.of(redis.server()).prefillIfMissing();
    endpoint = new Endpoint(redis.server().host(), redis.server().port());
  }

  @ParameterizedTest
  @EnumSource(AsyncClients.class)
  void cacheAndGet_roundTripTheSameJson(AsyncClients kind) throws Exception {
    String key = "test:" + kind.id();
    try (AsyncBenchClient client = kind.open(endpoint)) {
      client
          .cacheValueAsync(key, Dataset.value(7), Dataset.TTL_SECONDS)
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);

      assertThat(client.getCachedValueAsync(key).toCompletableFuture().get(10, TimeUnit.SECONDS))
          .isEqualTo(Dataset.value(7));
      assertThat(
              client
                  .getCachedValueAsync("test:missing")
                  .toCompletableFuture()
                  .get(10, TimeUnit.SECONDS))
          .isNull();
      assertThat((Long) redis.server().command("TTL", key)).isBetween(3500L, 3600L);
      String stored = (String) redis.server().command("GET", key);
      assertThat(Dataset.MAPPER.readTree(stored))
          .isEqualTo(Dataset.MAPPER.readTree(Dataset.toJson(Dataset.value(7))));
    }
  }

  @Test
  void window_keepsItsOperationsInFlight_andFailsOnAMissingValue() {
    try (AsyncBenchClient client = AsyncClients.LETTUCE_ASYNC.open(endpoint)) {
      InFlightWindow window = new InFlightWindow(8);
      int[] started = {0};
      InFlightWindow.Operation read =
          () -> {
            started[0]++;
            return new InFlightWindow.Started(
                client.getCachedValueAsync(Dataset.key(1)), Dataset.key(1));
          };
      window.fill(read);
      for (int i = 0; i < 20; i++) {
        assertThat(window.replaceOldest(read)).isEqualTo(Dataset.value(1));
      }
      window.drain();
      assertThat(started[0]).isEqualTo(8 + 20);

      window.fill(
          () -> new InFlightWindow.Started(client.getCachedValueAsync("test:none"), "test:none"));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> window.replaceOldest(read))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("test:none");
    }
  }
}
