package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.Outcome;
import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.RedisExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every exit of {@code get-or-cache-value} through every face, against a real server. */
@Tag("server")
class GetOrCacheValueTest {

  @RegisterExtension
  static final RedisExtension redis =
      RedisExtension.server(b -> b.user(AclUser.readOnly("reader", "reader-pw")));

  /** A plain record, read back by data binding. */
  public record User(String name, int age) {}

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
  void emptyDatabase() throws IOException {
    redis.server().command("FLUSHALL");
  }

  @Test
  void getOrCacheValue_miss_computesStoresAsJson_thenHitDoesNotCallTheFunction()
      throws IOException {
    AtomicInteger calls = new AtomicInteger();
    Callable<User> load =
        () -> {
          calls.incrementAndGet();
          return new User("Ada", 36);
        };

    ObtainedValue<User> computed =
        Redis.getOrCacheValue(connection, "user:1", User.class, null, load).orThrow();
    ObtainedValue<User> hit =
        Redis.getOrCacheValue(connection, "user:1", User.class, null, load).orThrow();

    assertThat(computed).isEqualTo(new ObtainedValue<>(new User("Ada", 36), true));
    assertThat(hit).isEqualTo(new ObtainedValue<>(new User("Ada", 36), false));
    assertThat(calls.get()).isEqualTo(1);
    assertThat(redis.server().command("GET", "user:1")).isEqualTo("{\"name\":\"Ada\",\"age\":36}");
    assertThat(redis.server().command("EXISTS", "user:1:mp-lock")).isEqualTo(0L);
  }

  @Test
  void getOrCacheValue_valueCachedBefore_isAHit_functionNeverCalled() {
    Redis.cacheValue(connection, "ready", Map.of("n", 1)).orThrow();
    AtomicInteger calls = new AtomicInteger();

    ObtainedValue<Object> hit =
        Redis.getOrCacheValue(connection, "ready", Object.class, null, calls::incrementAndGet)
            .orThrow();

    assertThat(hit).isEqualTo(new ObtainedValue<>(Map.of("n", 1), false));
    assertThat(calls.get()).isZero();
  }

  @Test
  void getOrCacheValue_ttl_isTheStoredValuesExpiry() throws IOException {
    Redis.getOrCacheValue(connection, "short", String.class, Duration.ofSeconds(60), () -> "x")
        .orThrow();
    Redis.getOrCacheValue(connection, "forever", String.class, null, () -> "y").orThrow();

    assertThat(((Number) redis.server().command("PTTL", "short")).longValue())
        .isBetween(50_000L, 60_000L);
    assertThat(redis.server().command("PTTL", "forever")).isEqualTo(-1L);
  }

  @Test
  void getOrCacheValue_functionThrows_computeFailed_nothingCached_nextCallerComputes()
      throws IOException {
    GetOrCacheValue.Result<String> failed =
        Redis.getOrCacheValue(
            connection,
            "flaky",
            String.class,
            null,
            () -> {
              throw new IOException("database\ndown");
            });

    assertThat(failed).isInstanceOf(GetOrCacheValue.ComputeFailed.class);
    MachineError error = ((Exit.Failed) failed).error();
    assertThat(error.code()).isEqualTo(RedisErrorCode.COMPUTE_FAILED);
    assertThat(error.message())
        .contains("'flaky'")
        .contains("IOException 'database\\ndown'")
        .contains("nothing was cached");
    assertThat(error.cause()).containsInstanceOf(IOException.class);
    assertThat(redis.server().command("EXISTS", "flaky", "flaky:mp-lock")).isEqualTo(0L);
    assertThat(Redis.getOrCacheValue(connection, "flaky", String.class, null, () -> "ok").orThrow())
        .isEqualTo(new ObtainedValue<>("ok", true));
  }

  @Test
  void getOrCacheValue_synchronousFace_callsTheFunctionOnTheCallersThread_othersOnTheirOwn() {
    Thread caller = Thread.currentThread();
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    Redis.getOrCacheValue(
            connection,
            "here",
            String.class,
            null,
            () -> {
              ranOn.set(Thread.currentThread());
              return "here";
            })
        .orThrow();
    assertThat(ranOn.get()).isSameAs(caller);

    Redis.getOrCacheValueAsync(
            connection,
            "there",
            String.class,
            null,
            () -> CompletableFuture.completedFuture(Thread.currentThread().getName()))
        .toCompletableFuture()
        .join()
        .orThrow();
    assertThat(Redis.getCachedValue(connection, "there", String.class).orThrow())
        .isEqualTo("mp-redis-compute");
  }

  @Test
  void getOrCacheValueAsync_failedStage_computeFailed_andGenericTypesRead() {
    GetOrCacheValue.Result<String> failed =
        Redis.getOrCacheValueAsync(
                connection,
                "async",
                String.class,
                null,
                () -> CompletableFuture.failedFuture(new IllegalStateException("no")))
            .toCompletableFuture()
            .join();
    assertThat(failed).isInstanceOf(GetOrCacheValue.ComputeFailed.class);

    Redis.cacheValue(connection, "users", List.of(Map.of("name", "Bo", "age", 7))).orThrow();
    ObtainedValue<List<User>> users =
        GetOrCacheValue.INSTANCE
            .run(
                () ->
                    new GetOrCacheValue.Inputs(
                        connection, "users", List::of, null, null, null, null),
                ReadAs.of(new TypeReference<List<User>>() {}))
            .orThrow();
    assertThat(users.value()).containsExactly(new User("Bo", 7));
  }

  @Test
  void getOrCacheValue_byIdentity_callableOrStage_outputValueAndComputed() {
    Callable<Object> stage = () -> CompletableFuture.supplyAsync(() -> Map.of("a", List.of(1)));
    Outcome computed =
        Redis.PACK
            .machine("get-or-cache-value")
            .run(Map.of("connection", connection, "key", "dyn", "compute", stage, "ttl", 60));
    Outcome hit =
        Redis.PACK
            .machine("get-or-cache-value")
            .run(Map.of("connection", connection, "key", "dyn", "compute", stage));

    assertThat(computed.output())
        .isEqualTo(Map.of("value", Map.of("a", List.of(1)), "computed", true));
    assertThat(hit.output()).isEqualTo(Map.of("value", Map.of("a", List.of(1)), "computed", false));

    Outcome notAFunction =
        Redis.PACK
            .machine("get-or-cache-value")
            .run(Map.of("connection", connection, "key", "dyn", "compute", "() => 1"));
    assertThat(notAFunction.exitName()).isEqualTo("error");
    assertThat(notAFunction.error().orElseThrow().message())
        .contains("'compute'")
        .contains("must be a function");
  }

  @Test
  void getOrCacheValue_namespace_appliesToTheKeyAndItsLock() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CompletableFuture<String> value = new CompletableFuture<>();
    try (Manager spaced = Redis.createManager(redis.server().uri() + "?namespace=app").orThrow();
        Connection c = Redis.getConnection(spaced).orThrow()) {
      CompletableFuture<GetOrCacheValue.Result<String>> call =
          Redis.getOrCacheValueAsync(
                  c,
                  "k",
                  String.class,
                  null,
                  () -> {
                    entered.countDown();
                    return value;
                  })
              .toCompletableFuture();
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(redis.server().command("EXISTS", "app:k:mp-lock")).isEqualTo(1L);
      value.complete("v");
      assertThat(call.join().orThrow().computed()).isTrue();
    }
    assertThat(redis.server().command("GET", "app:k")).isEqualTo("\"v\"");
    assertThat(redis.server().command("EXISTS", "k", "k:mp-lock", "app:k:mp-lock")).isEqualTo(0L);
  }

  @Test
  void getOrCacheValue_error_notSerializable_notJson_notConvertible_readOnlyUser()
      throws IOException {
    GetOrCacheValue.Result<Object> bean =
        Redis.getOrCacheValue(connection, "bean", Object.class, null, () -> new Object());
    assertCode(bean, GetOrCacheValue.Error.class, RedisErrorCode.VALUE_NOT_SERIALIZABLE);
    assertThat(redis.server().command("EXISTS", "bean", "bean:mp-lock")).isEqualTo(0L);

    redis.server().command("SET", "text", "not json");
    assertCode(
        Redis.getOrCacheValue(connection, "text", Object.class, null, () -> 1),
        GetOrCacheValue.Error.class,
        RedisErrorCode.VALUE_NOT_JSON);
    Redis.cacheValue(connection, "word", "seven").orThrow();
    assertCode(
        Redis.getOrCacheValue(connection, "word", Integer.class, null, () -> 7),
        GetOrCacheValue.Error.class,
        RedisErrorCode.VALUE_NOT_CONVERTIBLE);

    String reader =
        "redis://reader:reader-pw@" + redis.server().host() + ":" + redis.server().port();
    try (Manager m = Redis.createManager(reader).orThrow();
        Connection c = Redis.getConnection(m).orThrow()) {
      assertThat(Redis.getOrCacheValue(c, "word", String.class, null, () -> "x").orThrow())
          .isEqualTo(new ObtainedValue<>("seven", false));
      assertCode(
          Redis.getOrCacheValue(c, "missing", String.class, null, () -> "x"),
          GetOrCacheValue.Error.class,
          RedisErrorCode.NO_PERMISSION);
    }
  }

  @Test
  void getOrCacheValue_badConnection_andBadInputs_changeNothing() throws IOException {
    Connection released = Redis.getConnection(manager).orThrow();
    Redis.releaseConnection(released).orThrow();
    assertThat(Redis.getOrCacheValue(released, "k", String.class, null, () -> "x"))
        .isInstanceOf(GetOrCacheValue.BadConnection.class);

    assertInvalid(Redis.getOrCacheValue(connection, "", String.class, null, () -> "x"), "key");
    assertInvalid(Redis.getOrCacheValue(connection, "k", String.class, null, null), "compute");
    assertInvalid(
        Redis.getOrCacheValue(connection, "k", String.class, Duration.ofMillis(1500), () -> "x"),
        "ttl");
    assertInvalid(Redis.getOrCacheValue(connection, "k", null, null, () -> "x"), "type");
    assertInvalid(inputs(0L, null), "lockTtl");
    assertInvalid(inputs(null, 60_001L), "maxWait");
    assertInvalid(inputs(null, -1L), "maxWait");
    assertThat(redis.server().command("DBSIZE")).isEqualTo(0L);
  }

  private static GetOrCacheValue.Result<Object> inputs(Long lockTtl, Long maxWait) {
    return GetOrCacheValue.INSTANCE.run(
        () -> new GetOrCacheValue.Inputs(connection, "k", () -> "x", null, lockTtl, maxWait, null),
        ReadAs.of(Object.class));
  }

  private static void assertCode(Exit<?> result, Class<?> exit, RedisErrorCode code) {
    assertThat(result).isInstanceOf(exit);
    assertThat(((Exit.Failed) result).error().code()).as(result.toString()).isEqualTo(code);
  }

  private static void assertInvalid(Exit<?> result, String input) {
    assertCode(result, GetOrCacheValue.Error.class, RedisErrorCode.INVALID_INPUT);
    assertThat(((Exit.Failed) result).error().message()).contains(input);
  }
}
