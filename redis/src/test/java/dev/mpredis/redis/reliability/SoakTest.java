package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.ErrorCode;
import dev.mpredis.redis.CacheValue;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.GetCachedValues;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The soak of RELIABILITY.md §3: 32 threads of cache-value / get-cached-value on one lease against
 * a server with {@code appendonly yes}, two {@code kill -9} + restarts, and a ledger of every
 * acknowledged write. It checks: no acknowledged write lost or wrong after each restart, no call
 * beyond its timeout + 1 s, errors only inside the fault windows. Off by default; run it with
 *
 * <pre>
 * ./mvnw -B -pl redis -am verify -Dmpredis.soak=true -Dtest=SoakTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dmpredis.soak.seconds=600]
 * </pre>
 */
@Tag("server")
@Tag("soak")
@EnabledIfSystemProperty(named = "mpredis.soak", matches = "true")
class SoakTest {

  static final long TIMEOUT = 1_000;
  static final int THREADS = 32;

  /** How long after a restart's "ready" errors still count as inside the fault window. */
  static final long GRACE_MILLIS = 2_000;

  record Window(long startNanos, long endNanos) {
    boolean overlaps(long from, long to) {
      return from <= endNanos && to >= startNanos;
    }
  }

  @Test
  void soak_twoKillsWithAppendOnlyFile_noAcknowledgedWriteLost_noCallLate_errorsOnlyInFaults()
      throws Exception {
    long seconds = Long.getLong("mpredis.soak.seconds", 60);
    Map<String, Long> ledger = new ConcurrentHashMap<>();
    Map<ErrorCode, AtomicLong> errors = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<long[]> errorTimes = new ConcurrentLinkedQueue<>();
    List<Window> windows = new ArrayList<>();
    AtomicLong calls = new AtomicLong();
    AtomicLong maxMillis = new AtomicLong();
    AtomicLong wrongReads = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    try (RedisServer server = RedisServer.builder().appendOnly(true).start();
        Manager manager =
            Redis.createManager(
                    server.uri() + "?commandTimeout=" + TIMEOUT + "&connectTimeout=" + TIMEOUT)
                .orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int id = t;
        Thread thread =
            new Thread(
                () -> {
                  long seq = 0;
                  List<String> mine = new ArrayList<>();
                  while (running.get()) {
                    boolean write = mine.isEmpty() || (seq & 1) == 0;
                    long start = System.nanoTime();
                    String key;
                    Object exit;
                    if (write) {
                      key = "soak:" + id + ":" + seq;
                      long value = seq;
                      exit = Redis.cacheValue(lease, key, value);
                      if (exit instanceof CacheValue.Success) {
                        ledger.put(key, value);
                        mine.add(key);
                      }
                    } else {
                      key = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                      exit = Redis.getCachedValue(lease, key);
                      if (exit instanceof GetCachedValue.Success found
                          && ((Number) found.value()).longValue() != ledger.get(key)) {
                        wrongReads.incrementAndGet();
                      } else if (exit instanceof GetCachedValue.NotFound) {
                        wrongReads.incrementAndGet(); // an acknowledged write is missing
                      }
                    }
                    long end = System.nanoTime();
                    seq++;
                    calls.incrementAndGet();
                    maxMillis.accumulateAndGet((end - start) / 1_000_000, Math::max);
                    Call<?> call = new Call<>((dev.mpredis.machine.Exit<?>) exit, 0);
                    if (call.code() != null) {
                      errors.computeIfAbsent(call.code(), c -> new AtomicLong()).incrementAndGet();
                      errorTimes.add(new long[] {start, end});
                    }
                  }
                },
                "soak-" + t);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
      long total = Duration.ofSeconds(seconds).toNanos();
      long begin = System.nanoTime();
      for (int kill = 1; kill <= 2; kill++) {
        awaitUntil(begin + total * kill / 3);
        long windowStart = System.nanoTime();
        server.kill();
        server.restart();
        long ready = System.nanoTime();
        windows.add(new Window(windowStart, ready + GRACE_MILLIS * 1_000_000));
        System.out.printf(
            "soak: kill %d, server ready again after %d ms%n",
            kill, (ready - windowStart) / 1_000_000);
        ServerProcessFaultsTest.untilWorks(lease, Duration.ofSeconds(10));
        assertLedger(lease, ledger, kill);
      }
      awaitUntil(begin + total);
      running.set(false);
      for (Thread thread : threads) {
        thread.join(10_000);
      }
      long outside =
          errorTimes.stream()
              .filter(e -> windows.stream().noneMatch(w -> w.overlaps(e[0], e[1])))
              .count();
      System.out.printf(
          "soak: %d s, %d calls, errors %s, outside fault windows %d, max call %d ms,"
              + " wrong or missing reads %d, ledger %d acknowledged writes%n",
          seconds, calls.get(), errors, outside, maxMillis.get(), wrongReads.get(), ledger.size());
      assertLedger(lease, ledger, 3);
      assertThat(maxMillis.get())
          .as("slowest call")
          .isLessThanOrEqualTo(TIMEOUT + Call.SLACK_MILLIS);
      assertThat(outside).as("errors outside the fault windows").isZero();
      assertThat(wrongReads.get())
          .as("reads of acknowledged writes that were wrong or missing")
          .isZero();
    }
  }

  /** Every acknowledged write reads back equal, in batches. */
  private static void assertLedger(Connection lease, Map<String, Long> ledger, int round) {
    List<String> keys = new ArrayList<>(ledger.keySet());
    long missing = 0;
    for (int from = 0; from < keys.size(); from += 1_000) {
      List<String> batch = keys.subList(from, Math.min(keys.size(), from + 1_000));
      GetCachedValues.Result<Object> result = Redis.getCachedValues(lease, batch);
      Map<String, Object> values = ((GetCachedValues.Success) result).found().values();
      for (String key : batch) {
        Object value = values.get(key);
        if (!(value instanceof Number number) || number.longValue() != ledger.get(key)) {
          missing++;
        }
      }
    }
    System.out.printf(
        "soak: ledger check %d: %d entries, %d lost or wrong%n", round, keys.size(), missing);
    assertThat(missing).as("acknowledged writes lost or wrong (check %d)", round).isZero();
  }

  private static void awaitUntil(long nanos) {
    while (System.nanoTime() < nanos) {
      java.util.concurrent.locks.LockSupport.parkNanos(
          Math.min(nanos - System.nanoTime(), 100_000_000L)); // the soak's clock, not a sync
    }
  }
}
