package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every exit of cache-values and get-cached-values. */
@Tag("server")
class BulkMachinesTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  static Manager manager;
  static Connection connection;

  @BeforeAll
  static void connect() {
    manager = Redis.createManager(redis.server().uri()).orThrow();
    connection = Redis.getConnection(manager).orThrow();
  }

  @AfterAll
  static void destroy() {
    manager.close();
  }

  @BeforeEach
  void empty() throws IOException {
    redis.server().command("FLUSHALL");
  }

  @Test
  void cacheValues_thenGetCachedValues_roundTripWithPerKeyNotFound() throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("a", "things");
    values.put("b", null);
    values.put("c", Map.of("n", 1));
    assertThat(Redis.cacheValues(connection, values)).isInstanceOf(CacheValues.Success.class);
    assertThat(redis.server().command("GET", "a")).isEqualTo("\"things\"");
    assertThat(redis.server().command("TTL", "a")).isEqualTo(-1L);

    CachedValues<Object> found =
        Redis.getCachedValues(connection, List.of("a", "missing", "b", "c", "a")).orThrow();
    assertThat(found.values()).isEqualTo(values);
    assertThat(found.values()).containsKey("b"); // null is a value
    assertThat(found.notFound()).containsExactly("missing");
  }

  @Test
  void cacheValues_manyKeys_inBatches_withTtl() throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      values.put("k" + i, i);
      keys.add("k" + i);
    }
    Redis.cacheValues(connection, values, Duration.ofSeconds(600)).orThrow();
    assertThat(redis.server().command("DBSIZE")).isEqualTo(2500L);
    assertThat((Long) redis.server().command("TTL", "k2499")).isBetween(590L, 600L);
    CachedValues<Object> found = Redis.getCachedValues(connection, keys).orThrow();
    assertThat(found.values()).hasSize(2500).containsEntry("k1234", 1234);
    assertThat(found.notFound()).isEmpty();
  }

  @Test
  void getCachedValues_typed_bindsEveryValue() {
    Redis.cacheValues(connection, Map.of("u1", Map.of("name", "Ada", "age", 36))).orThrow();
    CachedValues<User> found =
        Redis.getCachedValues(connection, List.of("u1"), User.class).orThrow();
    assertThat(found.values()).containsEntry("u1", new User("Ada", 36));
  }

  /** A plain record to bind to. */
  record User(String name, int age) {}

  @Test
  void emptyInputs_succeedWithoutARoundTrip() {
    redis.server().pause();
    try {
      assertThat(Redis.cacheValues(connection, Map.of())).isInstanceOf(CacheValues.Success.class);
      assertThat(Redis.getCachedValues(connection, List.of()).orThrow().values()).isEmpty();
    } finally {
      redis.server().resume();
    }
  }

  @Test
  void invalidKeys_writeAndReadNothing() throws IOException {
    Map<String, Object> values = new HashMap<>();
    values.put("ok", 1);
    values.put("", 2);
    assertThat(Redis.cacheValues(connection, values)).isInstanceOf(CacheValues.InvalidKeys.class);
    assertThat(redis.server().command("DBSIZE")).isEqualTo(0L);
    assertThat(Redis.getCachedValues(connection, Arrays.asList("ok", null)))
        .isInstanceOfSatisfying(
            GetCachedValues.InvalidKeys.class,
            i -> assertThat(i.error().message()).contains("keys[1]"));
  }

  @Test
  void cacheValues_error_whenAValueIsNotSerializable_andNothingIsWritten() throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("fine", 1);
    values.put("bad", Double.NaN);
    assertThat(Redis.cacheValues(connection, values))
        .isInstanceOfSatisfying(
            CacheValues.Error.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(RedisErrorCode.VALUE_NOT_SERIALIZABLE);
              assertThat(e.error().message()).contains("'bad'");
            });
    assertThat(redis.server().command("DBSIZE")).isEqualTo(0L);
  }

  @Test
  void getCachedValues_error_namesTheKeyThatIsNotJson() throws IOException {
    redis.server().command("SET", "raw", "not json");
    assertThat(Redis.getCachedValues(connection, List.of("raw")))
        .isInstanceOfSatisfying(
            GetCachedValues.Error.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(RedisErrorCode.VALUE_NOT_JSON);
              assertThat(e.error().message()).contains("'raw'");
            });
  }

  @Test
  void badConnection_afterRelease() {
    Connection released = Redis.getConnection(manager).orThrow();
    released.close();
    assertThat(Redis.cacheValues(released, Map.of("k", 1)))
        .isInstanceOf(CacheValues.BadConnection.class);
    assertThat(Redis.getCachedValues(released, List.of("k")))
        .isInstanceOf(GetCachedValues.BadConnection.class);
  }

  @Test
  void error_onContractBreaks() {
    assertThat(Redis.cacheValues(connection, null)).isInstanceOf(CacheValues.Error.class);
    assertThat(Redis.cacheValues(connection, Map.of("k", 1), Duration.ofSeconds(-1)))
        .isInstanceOf(CacheValues.Error.class);
    assertThat(Redis.getCachedValues(connection, null)).isInstanceOf(GetCachedValues.Error.class);
    assertThat(
            Redis.PACK
                .machine("cache-values")
                .run(Map.of("connection", connection, "values", Map.of(1, "x")))
                .exitName())
        .isEqualTo("error");
  }
}
