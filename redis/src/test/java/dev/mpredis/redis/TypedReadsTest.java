package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mpredis.machine.MachineException;
import dev.mpredis.machine.Outcome;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typed reads: a named type comes back as that type ({@code orThrow()} returns it), and the maybe
 * path ({@code asOptional}, {@code orElse}, {@code orElseGet}) treats {@code notFound} as a miss, a
 * stored JSON null as a value, and every failure as a failure.
 */
@Tag("server")
class TypedReadsTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  record Session(String user, int visits) {}

  static Manager manager;
  static Connection connection;
  static Connection released;

  @BeforeAll
  static void connect() {
    manager = Redis.createManager(redis.server().uri()).orThrow();
    connection = Redis.getConnection(manager).orThrow();
    released = Redis.getConnection(manager).orThrow();
    Redis.releaseConnection(released).orThrow();
  }

  @AfterAll
  static void destroy() {
    manager.close();
  }

  @BeforeEach
  void seed() throws IOException {
    redis.server().command("FLUSHALL");
    Redis.cacheValue(connection, "s", new Session("ada", 3)).orThrow();
    Redis.cacheValue(connection, "list", List.of(new Session("ada", 3))).orThrow();
    Redis.cacheValue(connection, "null", null).orThrow();
    Redis.cacheValue(connection, "text", "not a session").orThrow();
  }

  @Test
  void getCachedValue_class_orThrowReturnsTheType() {
    Session s = Redis.getCachedValue(connection, "s", Session.class).orThrow();
    assertThat(s).isEqualTo(new Session("ada", 3));
    List<Session> list =
        Redis.getCachedValue(connection, "list", new TypeReference<List<Session>>() {}).orThrow();
    assertThat(list).containsExactly(new Session("ada", 3));
    assertThat(Redis.getCachedValue(connection, "s", Session.class))
        .isEqualTo(new GetCachedValue.Success<>(new Session("ada", 3)));
  }

  @Test
  void getCachedValue_typed_matchIsExhaustiveAndTyped() {
    String user =
        Redis.getCachedValue(connection, "s", Session.class)
            .match(found -> found.value().user(), missing -> "", bad -> "bad", error -> "error");
    assertThat(user).isEqualTo("ada");
    String exit =
        Redis.getCachedValue(connection, "missing", Session.class)
            .match(found -> "found", missing -> "missing", bad -> "bad", error -> "error");
    assertThat(exit).isEqualTo("missing");
  }

  @Test
  void asOptional_valueOrEmpty() {
    assertThat(Redis.getCachedValue(connection, "s", Session.class).asOptional())
        .contains(new Session("ada", 3));
    assertThat(Redis.getCachedValue(connection, "missing", Session.class).asOptional()).isEmpty();
    Optional<Object> plain = Redis.getCachedValue(connection, "text").asOptional();
    assertThat(plain).contains("not a session");
  }

  @Test
  void asOptional_storedNull_throwsNamingTheWayOut() {
    assertThatThrownBy(() -> Redis.getCachedValue(connection, "null", Session.class).asOptional())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stored JSON null")
        .hasMessageContaining("orElse");
  }

  @Test
  void asOptional_failures_throwMachineException() {
    assertThatThrownBy(() -> Redis.getCachedValue(released, "s", Session.class).asOptional())
        .isInstanceOfSatisfying(
            MachineException.class,
            e -> {
              assertThat(e.exitName()).isEqualTo("badConnection");
              assertThat(e.error().code()).isEqualTo(RedisErrorCode.CONNECTION_RELEASED);
            });
    assertThatThrownBy(() -> Redis.getCachedValue(connection, "text", Session.class).asOptional())
        .isInstanceOfSatisfying(
            MachineException.class,
            e -> {
              assertThat(e.exitName()).isEqualTo("error");
              assertThat(e.error().code()).isEqualTo(RedisErrorCode.VALUE_NOT_CONVERTIBLE);
            });
    assertThatThrownBy(() -> Redis.getCachedValue(connection, "", Session.class).asOptional())
        .isInstanceOfSatisfying(
            MachineException.class,
            e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.INVALID_INPUT));
  }

  @Test
  void orElse_missIsTheDefault_storedNullIsAValue_failureThrows() {
    Session fallback = new Session("nobody", 0);
    assertThat(Redis.getCachedValue(connection, "s", Session.class).orElse(fallback))
        .isEqualTo(new Session("ada", 3));
    assertThat(Redis.getCachedValue(connection, "missing", Session.class).orElse(fallback))
        .isSameAs(fallback);
    assertThat(Redis.getCachedValue(connection, "null", Session.class).orElse(fallback)).isNull();
    assertThatThrownBy(() -> Redis.getCachedValue(released, "s", Session.class).orElse(fallback))
        .isInstanceOf(MachineException.class);
  }

  @Test
  void orElseGet_callsTheSupplierOnlyOnAMiss() {
    AtomicInteger calls = new AtomicInteger();
    Session computed = new Session("computed", 1);
    assertThat(
            Redis.getCachedValue(connection, "s", Session.class)
                .orElseGet(
                    () -> {
                      calls.incrementAndGet();
                      return computed;
                    }))
        .isEqualTo(new Session("ada", 3));
    assertThat(calls).hasValue(0);
    assertThat(
            Redis.getCachedValue(connection, "missing", Session.class)
                .orElseGet(
                    () -> {
                      calls.incrementAndGet();
                      return computed;
                    }))
        .isSameAs(computed);
    assertThat(calls).hasValue(1);
    assertThat(Redis.getCachedValue(connection, "null", Session.class).orElseGet(() -> computed))
        .isNull();
    assertThatThrownBy(
            () ->
                Redis.getCachedValue(connection, "text", Session.class)
                    .orElseGet(
                        () -> {
                          calls.incrementAndGet();
                          return computed;
                        }))
        .isInstanceOf(MachineException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void getCachedValues_typed_valuesHaveTheType() {
    CachedValues<Session> found =
        Redis.getCachedValues(connection, List.of("s", "missing"), Session.class).orThrow();
    Session s = found.values().get("s");
    assertThat(s).isEqualTo(new Session("ada", 3));
    assertThat(found.notFound()).containsExactly("missing");
    CachedValues<List<Session>> lists =
        Redis.getCachedValues(connection, List.of("list"), new TypeReference<List<Session>>() {})
            .orThrow();
    assertThat(lists.values().get("list")).containsExactly(new Session("ada", 3));
  }

  @Test
  void runAsync_typed_givesTheTypeAndNeverFails() {
    GetCachedValue.Result<Session> read =
        GetCachedValue.INSTANCE
            .runAsync(new GetCachedValue.Inputs(connection, "s", null), ReadAs.of(Session.class))
            .toCompletableFuture()
            .join();
    assertThat(read.orThrow()).isEqualTo(new Session("ada", 3));
    GetCachedValues.Result<Session> many =
        GetCachedValues.INSTANCE
            .runAsync(
                new GetCachedValues.Inputs(connection, List.of("s"), null),
                ReadAs.of(Session.class))
            .toCompletableFuture()
            .join();
    assertThat(many.orThrow().values()).containsEntry("s", new Session("ada", 3));
    assertThat(
            GetCachedValue.INSTANCE
                .runAsync(null, ReadAs.of(Session.class))
                .toCompletableFuture()
                .join())
        .isInstanceOfSatisfying(
            GetCachedValue.Error.class,
            e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.INVALID_INPUT));
  }

  @Test
  void typedRead_nullType_isTheErrorExitNamingType() {
    assertThat(Redis.getCachedValue(connection, "s", (Class<Session>) null))
        .isInstanceOfSatisfying(
            GetCachedValue.Error.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
              assertThat(e.error().message()).contains("'type'");
            });
    assertThat(Redis.getCachedValues(connection, List.of("s"), (Class<Session>) null))
        .isInstanceOfSatisfying(
            GetCachedValues.Error.class,
            e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.INVALID_INPUT));
  }

  @Test
  void dynamicFace_staysPlainJsonData() {
    Outcome outcome =
        Redis.PACK.machine("get-cached-value").run(Map.of("connection", connection, "key", "s"));
    assertThat(outcome.output()).isEqualTo(Map.of("value", Map.of("user", "ada", "visits", 3)));
    Object plain = Redis.getCachedValue(connection, "s").orThrow();
    assertThat(plain).isEqualTo(Map.of("user", "ada", "visits", 3));
  }
}
