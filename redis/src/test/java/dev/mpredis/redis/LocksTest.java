package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.Outcome;
import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every exit of {@code acquire-lock}, {@code release-lock} and {@code extend-lock} on a real
 * server, with two managers standing for two processes.
 */
@Tag("server")
class LocksTest {

  @RegisterExtension
  static final RedisExtension redis =
      RedisExtension.server(b -> b.user(AclUser.readOnly("reader", "reader-pw")));

  private TwoProcesses processes;
  private Manager first, second;
  private Connection one, two;

  @BeforeEach
  void connect() throws IOException {
    processes = TwoProcesses.on(redis.server());
    first = processes.first();
    second = processes.second();
    one = processes.one();
    two = processes.two();
  }

  @AfterEach
  void close() {
    processes.close();
  }

  @Test
  void acquireLock_twoProcessesContend_onlyOneAcquires() {
    List<CompletableFuture<AcquireLock.Result>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Connection c = i % 2 == 0 ? one : two;
      calls.add(
          AcquireLock.INSTANCE
              .runAsync(new AcquireLock.Inputs(c, "job:42", 60_000L, 0L, null))
              .toCompletableFuture());
    }
    List<AcquireLock.Result> results = calls.stream().map(CompletableFuture::join).toList();
    assertThat(results).filteredOn(r -> r instanceof AcquireLock.Success).hasSize(1);
    assertThat(results).filteredOn(r -> r instanceof AcquireLock.NotAcquired).hasSize(9);
  }

  @Test
  void acquireLock_success_tokenIs128RandomBits_storedWithTheTtl() throws IOException {
    String token = Redis.acquireLock(one, "job:1", Duration.ofSeconds(30), null).orThrow();
    assertThat(token).matches("[0-9a-f]{32}");
    assertThat(redis.server().command("GET", "job:1")).isEqualTo(token);
    assertThat(((Number) redis.server().command("PTTL", "job:1")).longValue())
        .isBetween(1L, 30_000L);
    Redis.releaseLock(one, "job:1", token).orThrow();
    String again = Redis.acquireLock(two, "job:1", Duration.ofSeconds(30), null).orThrow();
    assertThat(again).isNotEqualTo(token);
  }

  @Test
  void releaseLock_byNonHolder_isNotHeld_andLeavesTheLock() throws IOException {
    String token = Redis.acquireLock(one, "job:2", Duration.ofSeconds(30), null).orThrow();
    assertThat(Redis.releaseLock(two, "job:2", "not-the-token"))
        .isInstanceOf(ReleaseLock.NotHeld.class);
    assertThat(redis.server().command("GET", "job:2")).isEqualTo(token);
    assertThat(Redis.acquireLock(two, "job:2", Duration.ofSeconds(30), Duration.ZERO))
        .isInstanceOf(AcquireLock.NotAcquired.class);
    assertThat(Redis.releaseLock(one, "job:2", token)).isInstanceOf(ReleaseLock.Success.class);
    assertThat(Redis.releaseLock(one, "job:2", token)).isInstanceOf(ReleaseLock.NotHeld.class);
    assertThat(redis.server().command("EXISTS", "job:2")).isEqualTo(0L);
  }

  @Test
  void acquireLock_afterTheTtl_anotherCallerTakesIt_andTheOldTokenIsNotHeld() {
    String old = Redis.acquireLock(one, "job:3", Duration.ofMillis(200), null).orThrow();
    Waits.until(
        "the lock to expire and be taken by the second process",
        Duration.ofSeconds(10),
        () -> Redis.acquireLock(two, "job:3", Duration.ofSeconds(30), null).isSuccess());
    assertThat(Redis.releaseLock(one, "job:3", old)).isInstanceOf(ReleaseLock.NotHeld.class);
    assertThat(Redis.extendLock(one, "job:3", old, Duration.ofSeconds(30)))
        .isInstanceOf(ExtendLock.NotHeld.class);
  }

  @Test
  void acquireLock_waits_takesTheLockWhenTheHolderReleases() {
    String token = Redis.acquireLock(one, "job:4", Duration.ofSeconds(30), null).orThrow();
    CompletableFuture<AcquireLock.Result> waiting =
        AcquireLock.INSTANCE
            .runAsync(new AcquireLock.Inputs(two, "job:4", 30_000L, 20_000L, null))
            .toCompletableFuture();
    assertThat(waiting).isNotDone();
    Redis.releaseLock(one, "job:4", token).orThrow();
    assertThat(waiting.join()).isInstanceOf(AcquireLock.Success.class);
  }

  @Test
  void acquireLock_waitRunsOut_isNotAcquired_afterTheWait() {
    Redis.acquireLock(one, "job:5", Duration.ofSeconds(30), null).orThrow();
    long start = System.nanoTime();
    assertThat(Redis.acquireLock(two, "job:5", Duration.ofSeconds(30), Duration.ofMillis(300)))
        .isInstanceOf(AcquireLock.NotAcquired.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void extendLock_keepsItPastTheOriginalTtl() throws IOException {
    String token = Redis.acquireLock(one, "job:6", Duration.ofMillis(300), null).orThrow();
    assertThat(Redis.extendLock(one, "job:6", token, Duration.ofSeconds(30)))
        .isInstanceOf(ExtendLock.Success.class);
    assertThat(((Number) redis.server().command("PTTL", "job:6")).longValue())
        .isGreaterThan(1_000L);
    // past the original 300 ms (by the server's own clock: a key set with 300 ms meanwhile is gone)
    Redis.acquireLock(two, "marker", Duration.ofMillis(300), null).orThrow();
    Waits.until(
        "a 300 ms lock taken after the extension to expire",
        Duration.ofSeconds(10),
        () -> Redis.acquireLock(two, "marker", Duration.ofSeconds(1), null).isSuccess());
    assertThat(Redis.acquireLock(two, "job:6", Duration.ofSeconds(1), null))
        .isInstanceOf(AcquireLock.NotAcquired.class);
    assertThat(redis.server().command("GET", "job:6")).isEqualTo(token);
    assertThat(Redis.extendLock(two, "job:6", "other", Duration.ofSeconds(30)))
        .isInstanceOf(ExtendLock.NotHeld.class);
  }

  @Test
  void locks_namespace_appliesToTheName() throws IOException {
    try (Manager spaced = Redis.createManager(redis.server().uri() + "?namespace=app:").orThrow();
        Connection c = Redis.getConnection(spaced).orThrow()) {
      String token = Redis.acquireLock(c, "job:7", Duration.ofSeconds(30), null).orThrow();
      assertThat(redis.server().command("GET", "app:job:7")).isEqualTo(token);
      assertThat(Redis.acquireLock(one, "job:7", Duration.ofSeconds(30), null).isSuccess())
          .isTrue();
      assertThat(Redis.releaseLock(c, "job:7", token)).isInstanceOf(ReleaseLock.Success.class);
    }
  }

  @Test
  void locks_badConnection_released() {
    Connection released = Redis.getConnection(first).orThrow();
    Redis.releaseConnection(released).orThrow();
    assertThat(Redis.acquireLock(released, "j", Duration.ofSeconds(1), null))
        .isInstanceOf(AcquireLock.BadConnection.class);
    assertThat(Redis.releaseLock(released, "j", "t")).isInstanceOf(ReleaseLock.BadConnection.class);
    assertThat(Redis.extendLock(released, "j", "t", Duration.ofSeconds(1)))
        .isInstanceOf(ExtendLock.BadConnection.class);
  }

  @Test
  void locks_error_badInputs_andReadOnlyUser() {
    assertInvalid(Redis.acquireLock(one, "j", Duration.ZERO, null), "ttl");
    assertInvalid(Redis.acquireLock(one, "j", Duration.ofHours(25), null), "ttl");
    assertInvalid(Redis.acquireLock(one, "j", null, null), "ttl");
    assertInvalid(Redis.acquireLock(one, "j", Duration.ofNanos(1_500_000), null), "ttl");
    assertInvalid(
        Redis.acquireLock(one, "j", Duration.ofSeconds(1), Duration.ofSeconds(61)), "maxWait");
    assertInvalid(Redis.acquireLock(one, "", Duration.ofSeconds(1), null), "name");
    assertInvalid(Redis.releaseLock(one, "j", ""), "token");
    assertInvalid(Redis.releaseLock(one, "j", "x".repeat(1025)), "token");
    assertInvalid(Redis.extendLock(one, "j", "t", Duration.ofMillis(-1)), "ttl");
    String reader =
        "redis://reader:reader-pw@" + redis.server().host() + ":" + redis.server().port();
    try (Manager m = Redis.createManager(reader).orThrow();
        Connection c = Redis.getConnection(m).orThrow()) {
      assertThat(Redis.acquireLock(c, "j", Duration.ofSeconds(1), null))
          .isInstanceOf(AcquireLock.Error.class);
      assertThat(Redis.releaseLock(c, "j", "t")).isInstanceOf(ReleaseLock.Error.class);
      assertThat(Redis.extendLock(c, "j", "t", Duration.ofSeconds(1)))
          .isInstanceOf(ExtendLock.Error.class);
    }
  }

  @Test
  void locks_byIdentity_outputsAndExits() {
    Outcome acquired =
        Redis.PACK
            .machine("acquire-lock")
            .run(Map.of("connection", one, "name", "dyn", "ttl", 30_000, "maxWait", 0));
    assertThat(acquired.exitName()).isEqualTo("success");
    @SuppressWarnings("unchecked")
    String token = (String) ((Map<String, Object>) acquired.output()).get("token");
    assertThat(
            Redis.PACK
                .machine("acquire-lock")
                .run(Map.of("connection", two, "name", "dyn", "ttl", 30_000))
                .exitName())
        .isEqualTo("notAcquired");
    Map<String, Object> held = Map.of("connection", one, "name", "dyn", "token", token);
    assertThat(
            Redis.PACK
                .machine("extend-lock")
                .run(Map.of("connection", one, "name", "dyn", "token", token, "ttl", 5_000))
                .exitName())
        .isEqualTo("success");
    assertThat(Redis.PACK.machine("release-lock").run(held).exitName()).isEqualTo("success");
    assertThat(Redis.PACK.machine("release-lock").run(held).exitName()).isEqualTo("notHeld");
  }

  private static void assertInvalid(Exit<?> result, String input) {
    assertThat(result).isInstanceOf(Exit.Failed.class);
    assertThat(((Exit.Failed) result).error().code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
    assertThat(((Exit.Failed) result).error().message()).contains(input);
  }
}
