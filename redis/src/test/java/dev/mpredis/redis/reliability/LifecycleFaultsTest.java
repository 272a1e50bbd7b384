package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.Connection;
import dev.mpredis.redis.DestroyManager;
import dev.mpredis.redis.FailureReport;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.LeaseInfo;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.testkit.FaultProxy;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults of the lifecycle itself (RELIABILITY.md §3 F37–F40): a lease used after release or after
 * destroy, destroy during in-flight calls and twice, a notifier callback that blocks and throws,
 * the dedicated-connection limit and a leaked lease.
 */
@Tag("server")
class LifecycleFaultsTest {

  static final long TIMEOUT = 500;
  static final String OPTIONS = "?commandTimeout=" + TIMEOUT + "&connectTimeout=" + TIMEOUT;

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  @BeforeAll
  static void warmUp() {
    Call.warmUp(redis.server().uri());
  }

  @Test
  void f37_leaseUsedAfterReleaseOrDestroy_badConnectionWithoutTouchingTheNetwork() {
    try (FaultProxy proxy = FaultProxy.start(redis.server().host(), redis.server().port())) {
      Manager manager = Redis.createManager(proxy.uri() + OPTIONS).orThrow();
      Connection released = Redis.getConnection(manager).orThrow();
      Connection live = Redis.getConnection(manager).orThrow();
      Redis.releaseConnection(released).orThrow();
      proxy.blackhole(); // any network use would now hang until the timeout
      Call.of(() -> Redis.cacheValue(released, "f37", 1))
          .ended("badConnection", RedisErrorCode.CONNECTION_RELEASED)
          .within(-900); // well under 100 ms: no round trip
      Call.of(() -> Redis.releaseConnection(released))
          .ended("badConnection", RedisErrorCode.CONNECTION_RELEASED)
          .within(-900);
      proxy.passThrough();
      Call.of(() -> Redis.cacheValue(live, "f37", 1)).succeeded().within(TIMEOUT);

      proxy.blackhole();
      Call.of(() -> Redis.destroyManager(manager)).succeeded().within(5_000);
      Call.of(() -> Redis.getCachedValue(live, "f37"))
          .ended("badConnection", RedisErrorCode.MANAGER_DESTROYED)
          .within(-900);
      Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(5_000)))
          .ended("failed", RedisErrorCode.MANAGER_DESTROYED)
          .within(-900);
    }
  }

  @Test
  void f38_destroyDuringInFlightCallsAndTwice_callsEndInTime_threadsAndServerConnectionsGone()
      throws Exception {
    Set<String> threadsBefore = libraryThreads();
    Manager manager =
        Redis.createManager(redis.server().uri() + OPTIONS + "&clientName=f38").orThrow();
    Connection lease = Redis.getConnection(manager).orThrow();
    Redis.cacheValue(lease, "f38", 1).orThrow();
    ExecutorService callers = Executors.newFixedThreadPool(4);
    List<Future<Call<GetCachedValue.Result<Object>>>> inFlight = new ArrayList<>();
    redis.server().pause();
    try {
      for (int i = 0; i < 4; i++) {
        inFlight.add(callers.submit(() -> Call.of(() -> Redis.getCachedValue(lease, "f38"))));
      }
      Call<DestroyManager.Result> destroy = Call.of(() -> Redis.destroyManager(manager));
      destroy.succeeded().within(5_000);
      for (Future<Call<GetCachedValue.Result<Object>>> call : inFlight) {
        Call<GetCachedValue.Result<Object>> ended = call.get(10, TimeUnit.SECONDS);
        ended.within(TIMEOUT);
        assertThat(ended.exit().isSuccess()).isFalse();
      }
      Call.of(() -> Redis.destroyManager(manager))
          .ended("failed", RedisErrorCode.MANAGER_DESTROYED)
          .within(-900);
    } finally {
      redis.server().resume();
      callers.shutdownNow();
    }
    Waits.until(
        "the manager's threads end",
        Duration.ofSeconds(3),
        () -> !libraryThreads().stream().anyMatch(t -> !threadsBefore.contains(t)));
    Waits.until(
        "the server forgets the manager's connections",
        Duration.ofSeconds(3),
        () -> {
          try {
            return !redis.server().command("CLIENT", "LIST").toString().contains("name=f38 ");
          } catch (IOException e) {
            return false;
          }
        });
  }

  private static Set<String> libraryThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("lettuce-") || name.startsWith("mp-redis-notifier-"))
        .collect(Collectors.toSet());
  }

  @Test
  void f39_callbackBlocksAndThrows_libraryUnaffected_reportsCoalesced_offTheIoThread()
      throws Exception {
    CountDownLatch unblock = new CountDownLatch(1);
    List<FailureReport> reports = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    Manager manager =
        Redis.createManager(
                redis.server().uri() + OPTIONS,
                report -> {
                  threads.add(Thread.currentThread().getName());
                  reports.add(report);
                  try {
                    unblock.await(10, TimeUnit.SECONDS); // a callback that blocks for 10 s
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  throw new IllegalStateException("a callback that throws");
                })
            .orThrow();
    try {
      Connection lease = Redis.getConnection(manager).orThrow();
      redis.server().kill();
      try {
        Waits.until("the callback runs", Duration.ofSeconds(5), () -> !reports.isEmpty());
        for (int i = 0; i < 5; i++) {
          Call<?> call =
              Call.of(() -> Redis.cacheValue(lease, "f39", 1))
                  .ended("error", RedisErrorCode.CONNECTION_LOST)
                  .within(0);
          // Refused while down: never written, and the message says so (a retry is safe).
          assertThat(call.message()).contains("the command was not sent");
        }
      } finally {
        redis.server().restart();
      }
      long recovered = ServerProcessFaultsTest.untilWorks(lease, Duration.ofSeconds(5));
      assertThat(recovered).isLessThanOrEqualTo(1_000 + Call.SLACK_MILLIS);
      assertThat(unblock.getCount()).as("recovered while the callback still blocks").isEqualTo(1);
      unblock.countDown();
      Waits.until(
          "queued reports are delivered",
          Duration.ofSeconds(3),
          () -> reports.stream().anyMatch(r -> r.kind() == FailureReport.Kind.CONNECTION_LOST));
      assertThat(reports.stream().filter(r -> r.kind() == FailureReport.Kind.CONNECTION_LOST))
          .hasSize(1);
      assertThat(threads).allMatch(name -> name.startsWith("mp-redis-notifier-"));
    } finally {
      unblock.countDown();
      Call.of(() -> Redis.destroyManager(manager)).succeeded().within(5_000);
    }
  }

  @Test
  void f40_dedicatedLimitReached_failsAtOnce_leakedLeaseCanBeFound_thenReleaseFreesASlot() {
    try (Manager manager =
        Redis.createManager(redis.server().uri() + OPTIONS + "&trackLeases=true").orThrow()) {
      List<Connection> dedicated = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        dedicated.add(Redis.getDedicatedConnection(manager, Duration.ofMillis(5_000)).orThrow());
      }
      Call.of(() -> Redis.getDedicatedConnection(manager, Duration.ofMillis(5_000)))
          .ended("failed", RedisErrorCode.TOO_MANY_CONNECTIONS)
          .within(0);
      List<LeaseInfo> live = manager.liveLeases();
      assertThat(live).hasSize(64);
      assertThat(live.get(0).acquiredHere())
          .hasValueSatisfying(
              site ->
                  assertThat(site.getStackTrace())
                      .anyMatch(frame -> frame.getMethodName().startsWith("f40_")));
      Redis.releaseConnection(dedicated.get(0)).orThrow();
      Connection again =
          Call.of(() -> Redis.getDedicatedConnection(manager, Duration.ofMillis(5_000)))
              .succeeded()
              .within(TIMEOUT)
              .exit()
              .orThrow();
      Call.of(() -> Redis.cacheValue(again, "f40", 1)).succeeded().within(TIMEOUT);
    }
  }
}
