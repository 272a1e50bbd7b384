package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.ErrorCode;
import dev.mpredis.redis.CacheValue;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.FailureReport;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.GetConnection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.RedisServer;
import dev.mpredis.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults of the server process (RELIABILITY.md §3 F10, F11, F13–F17): paused with SIGSTOP, killed
 * with SIGKILL, restarted on the same port with and without an append-only file. One server for the
 * class; every test leaves it running.
 */
@Tag("server")
class ServerProcessFaultsTest {

  static final long TIMEOUT = 500;
  static final String OPTIONS = "?commandTimeout=" + TIMEOUT + "&connectTimeout=" + TIMEOUT;

  /** The manager's reconnect backoff cap (docs/connection-strings.md). */
  static final long RECONNECT_CAP = 1_000;

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  @BeforeAll
  static void warmUp() {
    Call.warmUp(redis.server().uri());
  }

  private static String uri() {
    return redis.server().uri() + OPTIONS;
  }

  @Test
  void f10_serverPaused_callsTimeOut_thenSameManagerWorks_repliesNotMixedUp() throws Exception {
    try (Manager manager = Redis.createManager(uri()).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      for (int i = 0; i < 4; i++) {
        Redis.cacheValue(lease, "f10:" + i, "value-" + i).orThrow();
      }
      List<Call<GetCachedValue.Result<Object>>> during = new ArrayList<>();
      ExecutorService callers = Executors.newFixedThreadPool(4);
      redis.server().pause();
      try {
        List<Future<Call<GetCachedValue.Result<Object>>>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          String key = "f10:" + i;
          futures.add(callers.submit(() -> Call.of(() -> Redis.getCachedValue(lease, key))));
        }
        for (Future<Call<GetCachedValue.Result<Object>>> future : futures) {
          during.add(future.get(10, TimeUnit.SECONDS));
        }
      } finally {
        redis.server().resume();
        callers.shutdownNow();
      }
      // The first call to time out closes the link; the others end with it (outcome unknown).
      for (Call<GetCachedValue.Result<Object>> call : during) {
        assertThat(call.exit().exitName()).isEqualTo("error");
        assertThat(call.code())
            .isIn(RedisErrorCode.COMMAND_TIMEOUT, RedisErrorCode.CONNECTION_LOST);
        assertThat(call.message()).contains("unknown");
        call.within(TIMEOUT);
      }
      assertThat(during).anyMatch(call -> call.code() == RedisErrorCode.COMMAND_TIMEOUT);
      // Late replies went down with the old link: each new caller gets its own value.
      untilWorks(lease, Duration.ofSeconds(5));
      for (int i = 0; i < 4; i++) {
        String key = "f10:" + i;
        Call<GetCachedValue.Result<Object>> after = Call.of(() -> Redis.getCachedValue(lease, key));
        after.succeeded().within(TIMEOUT);
        assertThat(after.exit()).isEqualTo(new GetCachedValue.Success("value-" + i));
      }
    }
  }

  @Test
  void f11_serverPaused_newConnectTimesOut_classifiedAsTimeoutNotRefused_thenSameManagerWorks() {
    try (Manager fresh = Redis.createManager(uri()).orThrow();
        Manager connected = Redis.createManager(uri()).orThrow()) {
      Redis.getConnection(connected).orThrow();
      redis.server().pause();
      try {
        Call.of(() -> Redis.getConnection(fresh, Duration.ofMillis(5_000)))
            .ended("failed", RedisErrorCode.CONNECT_TIMEOUT)
            .within(TIMEOUT);
        Call.of(() -> Redis.getDedicatedConnection(connected, Duration.ofMillis(5_000)))
            .ended("failed", RedisErrorCode.CONNECT_TIMEOUT)
            .within(TIMEOUT);
      } finally {
        redis.server().resume();
      }
      Connection shared =
          Call.of(() -> Redis.getConnection(fresh, Duration.ofMillis(5_000)))
              .succeeded()
              .within(TIMEOUT)
              .exit()
              .orThrow();
      Call.of(() -> Redis.cacheValue(shared, "f11", 1)).succeeded().within(TIMEOUT);
      try (Connection dedicated =
          Call.of(() -> Redis.getDedicatedConnection(connected, Duration.ofMillis(5_000)))
              .succeeded()
              .within(TIMEOUT)
              .exit()
              .orThrow()) {
        assertThat(Redis.getCachedValue(dedicated, "f11")).isEqualTo(new GetCachedValue.Success(1));
      }
    }
  }

  @Test
  void f13_serverKilledMidTraffic_callsEndInTime_oneReportOffTheIoThread_thenSameLeaseWorks()
      throws Exception {
    List<FailureReport> reports = new CopyOnWriteArrayList<>();
    List<String> reportThreads = new CopyOnWriteArrayList<>();
    try (Manager manager =
            Redis.createManager(
                    uri(),
                    report -> {
                      reportThreads.add(Thread.currentThread().getName());
                      reports.add(report);
                    })
                .orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Traffic traffic = Traffic.start(lease, 4, "f13");
      try {
        Waits.until("traffic flows", Duration.ofSeconds(5), () -> traffic.successes() > 20);
        redis.server().kill();
        Waits.until("callers see the loss", Duration.ofSeconds(5), () -> traffic.failures() > 20);
      } finally {
        redis.server().restart();
      }
      long ready = System.nanoTime();
      long successesAtRestart = traffic.successes();
      try {
        Waits.until(
            "traffic flows again",
            Duration.ofSeconds(5),
            () -> traffic.successes() > successesAtRestart + 20);
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage() + "; " + traffic + ", " + manager + traffic.whereCallersAre(), e);
      }
      long recovered = (System.nanoTime() - ready) / 1_000_000;
      traffic.stop();

      assertThat(traffic.maxMillis())
          .as("slowest call")
          .isLessThanOrEqualTo(TIMEOUT + Call.SLACK_MILLIS);
      assertThat(traffic.failureCodes())
          .isSubsetOf(Set.of(RedisErrorCode.CONNECTION_LOST, RedisErrorCode.COMMAND_TIMEOUT));
      assertThat(recovered)
          .as("recovery after the server was ready")
          .isLessThanOrEqualTo(RECONNECT_CAP);
      Waits.until(
          "the loss is reported",
          Duration.ofSeconds(2),
          () -> reports.stream().anyMatch(r -> r.kind() == FailureReport.Kind.CONNECTION_LOST));
      assertThat(reports.stream().filter(r -> r.kind() == FailureReport.Kind.CONNECTION_LOST))
          .hasSize(1);
      assertThat(reportThreads)
          .allMatch(name -> name.startsWith("mp-redis-notifier-"))
          .noneMatch(name -> name.contains("EventLoop") || name.startsWith("lettuce-"));
    }
  }

  @Test
  void f14_serverRestartsOnSamePort_sameManagerAndLeaseRecoverWithinOneSecondOfReady() {
    try (Manager manager = Redis.createManager(uri()).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(lease, "f14", "before").orThrow();
      redis.server().kill();
      redis.server().restart();
      long recovered = untilWorks(lease, Duration.ofSeconds(5));
      assertThat(recovered).as("ms from ready to the first success").isLessThanOrEqualTo(1_000);
      Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(1_000)))
          .succeeded()
          .within(TIMEOUT);
    }
  }

  @Test
  void f15_outageBeyondTheReconnectCap_callsFailFast_thenRecoversWithinTheCap() {
    outage(Duration.ofMillis(3 * RECONNECT_CAP));
  }

  @Test
  @EnabledIfSystemProperty(named = "mpredis.soak", matches = "true")
  void f15_longOutage_overAMinute_callsFailFast_thenRecoversWithinTheCap() {
    outage(Duration.ofSeconds(65));
  }

  /** F15: kills the server for {@code length}, calling all along, then restarts it. */
  private static void outage(Duration length) {
    try (Manager manager = Redis.createManager(uri()).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      redis.server().kill();
      int calls = 0;
      long slowest = 0;
      try {
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
          Call<CacheValue.Result> call = Call.of(() -> Redis.cacheValue(lease, "f15", "down"));
          call.ended("error", RedisErrorCode.CONNECTION_LOST);
          slowest = Math.max(slowest, call.millis());
          calls++;
          LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // pacing, not synchronisation
        }
        // While the link stays down, get-connection says why: the last reconnect's failure.
        Call<GetConnection.Result> waiting =
            Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(300)));
        assertThat(waiting.exit().exitName()).isEqualTo("failed");
        assertThat(waiting.code())
            .isIn(RedisErrorCode.CONNECTION_REFUSED, RedisErrorCode.CONNECTION_LOST);
        waiting.within(300);
      } finally {
        redis.server().restart();
      }
      assertThat(calls).isGreaterThan(10);
      assertThat(slowest).as("while down, calls fail at once, they do not queue").isLessThan(200);
      long recovered = untilWorks(lease, Duration.ofSeconds(10));
      assertThat(recovered)
          .as("ms from ready to the first success")
          .isLessThanOrEqualTo(RECONNECT_CAP + Call.SLACK_MILLIS);
    }
  }

  @Test
  void f16_restartWithAppendOnlyFile_everyAcknowledgedWriteSurvivesKill9() {
    try (RedisServer server = RedisServer.builder().appendOnly(true).start();
        Manager manager = Redis.createManager(server.uri() + OPTIONS).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      int acknowledged = 0;
      for (int i = 0; i < 500; i++) {
        if (Redis.cacheValue(lease, "f16:" + i, i) instanceof CacheValue.Success) {
          acknowledged++;
        }
      }
      assertThat(acknowledged).isEqualTo(500);
      server.kill();
      server.restart();
      untilWorks(lease, Duration.ofSeconds(5));
      for (int i = 0; i < 500; i++) {
        assertThat(Redis.getCachedValue(lease, "f16:" + i))
            .as("f16:%d", i)
            .isEqualTo(new GetCachedValue.Success(i));
      }
    }
  }

  @Test
  void f17_restartWithoutPersistence_readsAreNotFound_cacheAsideRefills() {
    try (Manager manager = Redis.createManager(uri()).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(lease, "f17", "before").orThrow();
      redis.server().kill();
      redis.server().restart();
      untilWorks(lease, Duration.ofSeconds(5));
      Call<GetCachedValue.Result<Object>> read = Call.of(() -> Redis.getCachedValue(lease, "f17"));
      read.within(TIMEOUT);
      assertThat(read.exit()).isInstanceOf(GetCachedValue.NotFound.class);
      Call.of(() -> Redis.cacheValue(lease, "f17", "refilled")).succeeded().within(TIMEOUT);
      assertThat(Redis.getCachedValue(lease, "f17"))
          .isEqualTo(new GetCachedValue.Success("refilled"));
    }
  }

  /** Waits until a call on {@code lease} succeeds; returns how many ms that took. */
  static long untilWorks(Connection lease, Duration deadline) {
    long start = System.nanoTime();
    Waits.until(
        "the lease works again",
        deadline,
        () ->
            Redis.getCachedValue(lease, "mp-redis-probe") instanceof GetCachedValue.NotFound
                || Redis.getCachedValue(lease, "mp-redis-probe") instanceof GetCachedValue.Success);
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Callers hammering one lease with cache-value and get-cached-value, recording every call. */
  static final class Traffic {
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final java.util.concurrent.atomic.AtomicLong successes =
        new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong failures =
        new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong maxMillis =
        new java.util.concurrent.atomic.AtomicLong();
    private final Set<ErrorCode> codes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    volatile String last;
    volatile long lastAt;

    static Traffic start(Connection lease, int threadCount, String prefix) {
      Traffic traffic = new Traffic();
      for (int t = 0; t < threadCount; t++) {
        String key = prefix + ":" + t;
        Thread thread =
            new Thread(
                () -> {
                  long n = 0;
                  while (traffic.running.get()) {
                    long value = n++;
                    Call<?> call =
                        value % 2 == 0
                            ? Call.of(() -> Redis.cacheValue(lease, key, value))
                            : Call.of(() -> Redis.getCachedValue(lease, key));
                    traffic.record(call);
                    LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // pacing only
                  }
                },
                prefix + "-caller-" + t);
        thread.setDaemon(true);
        traffic.threads.add(thread);
        thread.start();
      }
      return traffic;
    }

    private void record(Call<?> call) {
      maxMillis.accumulateAndGet(call.millis(), Math::max);
      // The restarted server keeps no data, so a read may find nothing: an answer all the same.
      if (call.exit().isSuccess() || call.exit() instanceof GetCachedValue.NotFound) {
        successes.incrementAndGet();
      } else {
        failures.incrementAndGet();
        codes.add(call.code());
        last = call.toString();
        lastAt = System.nanoTime();
      }
    }

    long successes() {
      return successes.get();
    }

    /** Where each caller thread is now: a stalled call shows where it waits. */
    String whereCallersAre() {
      StringBuilder where = new StringBuilder();
      for (Thread thread : threads) {
        where
            .append("\n")
            .append(thread.getName())
            .append(" (")
            .append(thread.getState())
            .append(")");
        for (StackTraceElement frame : thread.getStackTrace()) {
          where.append("\n\tat ").append(frame);
        }
      }
      return where.toString();
    }

    @Override
    public String toString() {
      return "Traffic[successes="
          + successes
          + ", failures="
          + failures
          + ", codes="
          + codes
          + ", last failure "
          + (last == null ? "none" : (System.nanoTime() - lastAt) / 1_000_000 + " ms ago: " + last)
          + "]";
    }

    long failures() {
      return failures.get();
    }

    long maxMillis() {
      return maxMillis.get();
    }

    Set<ErrorCode> failureCodes() {
      return codes;
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join(5_000);
      }
    }
  }
}
