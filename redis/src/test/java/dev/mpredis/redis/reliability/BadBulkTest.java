package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.CachedValues;
import dev.mpredis.redis.Redis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY.md §4, B26: bulk machines with no keys, 200 000 keys (a million takes 15 s here),
 * duplicates.
 */
@Tag("server")
class BadBulkTest extends OnePackServer {

  @BeforeEach
  void seed() {
    watch.command("FLUSHALL");
    watch.command("SET", "kept", "\"kept\"");
  }

  @Test
  void b26_noKeys_succeedWithoutAnyCommand() {
    assertThat(watch.unchanged(() -> Redis.cacheValues(connection, Map.of())).isSuccess()).isTrue();
    CachedValues<Object> none =
        watch.unchanged(() -> Redis.getCachedValues(connection, List.of())).orThrow();
    assertThat(none.values()).isEmpty();
    assertThat(none.notFound()).isEmpty();
    assertThat(watch.unchanged(() -> Redis.destroyCachedValues(connection, List.of())).isSuccess())
        .isTrue();
  }

  @Test
  void b26_duplicates_areOneOutcomePerKey() {
    CachedValues<Object> found =
        Redis.getCachedValues(connection, List.of("kept", "missing", "kept", "missing")).orThrow();
    assertThat(found.values()).containsOnlyKeys("kept");
    assertThat(found.notFound()).containsExactly("missing");
    Redis.destroyCachedValues(connection, List.of("kept", "kept")).orThrow();
    assertThat(watch.command("DBSIZE")).isEqualTo(0L);
  }

  @Test
  void b26_twoHundredThousandKeys_goOutInBatches_oneOutcomePerKey() {
    List<String> keys = new ArrayList<>(200_000);
    for (int i = 0; i < 200_000; i++) {
      keys.add("m" + i);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key : keys.subList(0, 20_000)) {
      values.put(key, 1);
    }
    Redis.cacheValues(connection, values).orThrow();
    assertThat(watch.command("DBSIZE")).isEqualTo(20_001L);
    CachedValues<Object> found = Redis.getCachedValues(connection, keys).orThrow();
    assertThat(found.values()).hasSize(20_000);
    assertThat(found.notFound()).hasSize(180_000);
    Redis.destroyCachedValues(connection, keys).orThrow();
    assertThat(watch.command("DBSIZE")).isEqualTo(1L);
  }
}
