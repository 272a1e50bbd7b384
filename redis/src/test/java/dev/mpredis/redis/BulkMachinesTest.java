package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * cache-values and get-cached-values where one face or one server matters: typed binding, empty
 * inputs that never reach a paused server, a dynamic map with a key that is not a string. Their
 * behaviour exits on every deployment and through every face are in {@link CacheMatrixTest}.
 */
@Tag("server")
class BulkMachinesTest {

  @RegisterExtension
  static final RedisExtension redis = Deployment.withPack(RedisExtension.of(RedisKind.STANDALONE));

  @Test
  void getCachedValues_typed_bindsEveryValue(Connection connection) {
    Redis.cacheValues(connection, Map.of("u1", Map.of("name", "Ada", "age", 36))).orThrow();
    CachedValues<User> found =
        Redis.getCachedValues(connection, List.of("u1"), User.class).orThrow();
    assertThat(found.values()).containsEntry("u1", new User("Ada", 36));
  }

  /** A plain record to bind to. */
  record User(String name, int age) {}

  @Test
  void emptyInputs_succeedWithoutARoundTrip(Connection connection) {
    redis.server().pause();
    try {
      assertThat(Redis.cacheValues(connection, Map.of())).isInstanceOf(CacheValues.Success.class);
      assertThat(Redis.getCachedValues(connection, List.of()).orThrow().values()).isEmpty();
    } finally {
      redis.server().resume();
    }
  }

  @Test
  void cacheValues_dynamic_error_whenAKeyIsNotAString(Connection connection) {
    assertThat(
            Redis.PACK
                .machine("cache-values")
                .run(Map.of("connection", connection, "values", Map.of(1, "x")))
                .exitName())
        .isEqualTo("error");
  }
}
