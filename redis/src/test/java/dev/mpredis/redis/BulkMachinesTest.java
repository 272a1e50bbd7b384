package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.mpredis.machine.MachineError;
import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.RedisExtension;
import java.io.IOException;
import java.util.ArrayList;
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
  static final RedisExtension redis =
      Deployment.withPack(
          RedisExtension.server(b -> b.user(AclUser.keyPattern("limited", "limited-pw", "app:*"))));

  @Test
  void getCachedValues_aRefusedLaterBatch_isNoPermission_throughEveryFace() throws IOException {
    redis.server().command("SET", "app:1", "1");
    try (Manager limited =
            Redis.createManager("redis://limited:limited-pw@127.0.0.1:" + redis.server().port())
                .orThrow();
        Connection c = Redis.getConnection(limited).orThrow()) {
      // In the second MGET (the synchronous faces decode it on the I/O thread), then in the third
      // (decoded on the caller's): the server refuses the whole command.
      for (int refused : new int[] {1500, 2300}) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
          keys.add(i == refused ? "other" : "app:" + i);
        }
        for (Face face : Face.values()) {
          Face.Ran ran = face.getCachedValues(c, keys);
          assertThat(ran.exit()).as("%s at %d: %s", face, refused, ran).isEqualTo("error");
          assertThat(ran.error().code()).as("%s", face).isEqualTo(RedisErrorCode.NO_PERMISSION);
        }
      }
      // The refusal left the connection in step: the next read is answered with its own value.
      assertThat(Redis.getCachedValues(c, List.of("app:1")).orThrow().values())
          .containsExactly(Map.entry("app:1", 1));
    }
  }

  @Test
  void getCachedValues_interruptedCaller_endsAsEverySynchronousRun(Connection connection) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      keys.add("k" + i);
    }
    redis.server().pause();
    try {
      for (Runnable call :
          List.<Runnable>of(
              () -> Redis.getCachedValues(connection, keys),
              () -> Redis.getCachedValue(connection, "k1"))) {
        Thread.currentThread().interrupt();
        assertThatThrownBy(call::run)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("interrupted while waiting");
        assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
      }
    } finally {
      redis.server().resume();
    }
    assertThat(Redis.getCachedValues(connection, keys).orThrow().notFound()).hasSize(2500);
  }

  @Test
  void getCachedValues_typed_bindsEveryValue(Connection connection) {
    Redis.cacheValues(connection, Map.of("u1", Map.of("name", "Ada", "age", 36))).orThrow();
    CachedValues<User> found =
        Redis.getCachedValues(connection, List.of("u1"), User.class).orThrow();
    assertThat(found.values()).containsEntry("u1", new User("Ada", 36));
  }

  /** A plain record to bind to. */
  record User(String name, int age) {}

  /** A type whose deserializer has a bug: it throws what Jackson does not wrap. */
  @JsonDeserialize(using = Exploding.Deserializer.class)
  record Exploding(int n) {
    static final class Deserializer extends JsonDeserializer<Exploding> {
      @Override
      public Exploding deserialize(JsonParser parser, DeserializationContext context) {
        throw new IllegalStateException("a deserializer with a bug");
      }
    }
  }

  @Test
  void getCachedValues_aDeserializerThatThrows_endsAsOnOneKey_whicheverThreadDecodes(
      Connection connection) {
    MachineError single = failure(Redis.getCachedValue(connection, "none", Exploding.class));
    assertThat(single).isNull(); // not found: nothing to decode
    Redis.cacheValue(connection, "e1500", 1).orThrow();
    MachineError one = failure(Redis.getCachedValue(connection, "e1500", Exploding.class));
    assertThat(one).isNotNull();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      keys.add("e" + i); // only e1500 exists: its batch is the second, decoded on the I/O thread
    }
    MachineError bulk = failure(Redis.getCachedValues(connection, keys, Exploding.class));
    assertThat(bulk.code()).as(bulk.toString()).isEqualTo(one.code());
    assertThat(bulk.message())
        .isEqualTo(one.message().replace("get-cached-value", "get-cached-values"));
  }

  private static MachineError failure(dev.mpredis.machine.Exit<?> exit) {
    return exit instanceof dev.mpredis.machine.Exit.Failed failed ? failed.error() : null;
  }

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
