package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stampede guarantees of {@code get-or-cache-value} on a real server, with two managers
 * standing for two processes: one computation for many callers, takeover from a holder that fails,
 * dies or outlives its lock, and a bounded wait. Measured numbers are printed for the record.
 */
@Tag("server")
class GetOrCacheValueStampedeTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  private static final Duration HOUR = Duration.ofHours(1);

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
  void getOrCacheValue_50ThreadsOnTwoManagers_missingKey_functionRunsOnce_allGetItsValue()
      throws Exception {
    int callers = 50;
    AtomicInteger calls = new AtomicInteger(), asked = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    try {
      List<Future<GetOrCacheValue.Result<String>>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        Connection c = i % 2 == 0 ? one : two;
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  asked.incrementAndGet();
                  return Redis.getOrCacheValue(
                      c,
                      "report:7",
                      String.class,
                      HOUR,
                      () -> {
                        calls.incrementAndGet();
                        release.await();
                        return "the report";
                      });
                }));
      }
      redis.server().command("CONFIG", "RESETSTAT");
      start.countDown();
      // Every caller has asked, one computes, and the server has seen 49 refusals at least.
      Waits.until(
          "all 50 callers to ask and try the lock, and one to compute",
          Duration.ofSeconds(20),
          () -> asked.get() == callers && calls.get() == 1 && sets() >= callers);
      long released = System.nanoTime();
      release.countDown();

      List<ObtainedValue<String>> values = new ArrayList<>();
      for (Future<GetOrCacheValue.Result<String>> result : results) {
        values.add(result.get(30, TimeUnit.SECONDS).orThrow());
      }
      long lastMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released);
      assertThat(calls.get()).isEqualTo(1);
      assertThat(values).extracting(ObtainedValue::value).containsOnly("the report");
      assertThat(values).filteredOn(ObtainedValue::computed).hasSize(1);
      assertThat(redis.server().command("GET", "report:7")).isEqualTo("\"the report\"");
      assertThat(redis.server().command("EXISTS", "report:7:mp-lock")).isEqualTo(0L);
      assertThat(lastMillis).isLessThan(2_000); // waiters poll at least every 100 ms
      System.out.printf(
          "get-or-cache-value stampede: %d callers, %d function call(s), last caller done %d ms"
              + " after the value was ready, %d GET and %d SET commands in all%n",
          callers, calls.get(), lastMillis, stat("get"), sets());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void getOrCacheValue_holderStallsPastTheLockTtl_anotherCallerTakesOver_lastWriterWins()
      throws IOException, InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<GetOrCacheValue.Result<String>> stalled =
        GetOrCacheValue.INSTANCE
            .runAsync(
                () ->
                    new GetOrCacheValue.Inputs(
                        one,
                        "slow",
                        () -> {
                          entered.countDown();
                          release.await();
                          return "from the stalled holder";
                        },
                        null,
                        300L,
                        null,
                        null),
                ReadAs.of(String.class))
            .toCompletableFuture();
    assertThat(entered.await(10, TimeUnit.SECONDS)).as("the holder computes").isTrue();

    long start = System.nanoTime();
    ObtainedValue<String> taken =
        GetOrCacheValue.INSTANCE
            .run(
                () ->
                    new GetOrCacheValue.Inputs(
                        two, "slow", () -> "from the second", null, null, 10_000L, null),
                ReadAs.of(String.class))
            .orThrow();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(taken).isEqualTo(new ObtainedValue<>("from the second", true));
    assertThat(stalled).isNotDone();
    assertThat(tookMillis).isLessThan(5_000);
    release.countDown();
    assertThat(stalled.join().orThrow())
        .isEqualTo(new ObtainedValue<>("from the stalled holder", true));
    assertThat(redis.server().command("GET", "slow")).isEqualTo("\"from the stalled holder\"");
    assertThat(redis.server().command("EXISTS", "slow:mp-lock")).isEqualTo(0L);
    System.out.printf(
        "get-or-cache-value takeover: the second caller computed %d ms after asking (lock ttl 300 ms)%n",
        tookMillis);
  }

  @Test
  void getOrCacheValue_holderDied_itsLockExpires_aWaiterComputes() throws IOException {
    redis.server().command("SET", "orphan:mp-lock", "a dead holder's token", "PX", "300");
    GetOrCacheValue.Result<Integer> result =
        GetOrCacheValue.INSTANCE.run(
            () -> new GetOrCacheValue.Inputs(one, "orphan", () -> 42, null, null, 5_000L, null),
            ReadAs.of(Integer.class));
    assertThat(result.orThrow()).isEqualTo(new ObtainedValue<>(42, true));
    assertThat(redis.server().command("GET", "orphan")).isEqualTo("42");
  }

  @Test
  void getOrCacheValue_holderThrows_lockReleasedAtOnce_aWaiterComputes()
      throws IOException, InterruptedException {
    redis.server().command("CONFIG", "RESETSTAT");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<GetOrCacheValue.Result<String>> failing =
        GetOrCacheValue.INSTANCE
            .runAsync(
                () ->
                    new GetOrCacheValue.Inputs(
                        one,
                        "flaky",
                        () -> {
                          entered.countDown();
                          release.await();
                          throw new IllegalStateException("database down");
                        },
                        null,
                        60_000L,
                        null,
                        null),
                ReadAs.of(String.class))
            .toCompletableFuture();
    assertThat(entered.await(10, TimeUnit.SECONDS)).as("the holder computes").isTrue();
    CompletableFuture<GetOrCacheValue.Result<String>> waiting =
        Redis.getOrCacheValueAsync(
                two, "flaky", String.class, null, () -> CompletableFuture.completedFuture("second"))
            .toCompletableFuture();
    // the holder's SET NX took the lock, the waiter's was refused
    Waits.until("the second caller to wait", Duration.ofSeconds(10), () -> sets() >= 2);
    assertThat(waiting).isNotDone();

    long start = System.nanoTime();
    release.countDown();
    assertThat(failing.join()).isInstanceOf(GetOrCacheValue.ComputeFailed.class);
    assertThat(waiting.join().orThrow()).isEqualTo(new ObtainedValue<>("second", true));
    // far sooner than the 60 s lock ttl: the failed holder released the lock
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void getOrCacheValue_lockHeldForTheWholeWait_timedOutWithinMaxWaitPlusSlack() throws IOException {
    redis.server().command("SET", "busy:mp-lock", "another caller's token", "PX", "60000");
    AtomicInteger calls = new AtomicInteger();
    long start = System.nanoTime();
    GetOrCacheValue.Result<Object> result =
        GetOrCacheValue.INSTANCE.run(
            () ->
                new GetOrCacheValue.Inputs(
                    one, "busy", calls::incrementAndGet, null, null, 500L, null),
            ReadAs.of(Object.class));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(result).isInstanceOf(GetOrCacheValue.TimedOut.class);
    GetOrCacheValue.TimedOut<Object> timedOut = (GetOrCacheValue.TimedOut<Object>) result;
    assertThat(timedOut.error().code()).isEqualTo(RedisErrorCode.LOCK_WAIT_TIMED_OUT);
    assertThat(timedOut.error().message()).contains("'busy'").contains("500 ms");
    assertThat(tookMillis).isBetween(500L, 1_500L);
    assertThat(calls.get()).isZero();
    assertThat(redis.server().command("GET", "busy:mp-lock")).isEqualTo("another caller's token");
    System.out.printf("get-or-cache-value maxWait 500 ms: timedOut after %d ms%n", tookMillis);
  }

  private static long sets() {
    return stat("set");
  }

  /** How many times the server ran {@code command} since the last CONFIG RESETSTAT. */
  private static long stat(String command) {
    try {
      String info = String.valueOf(redis.server().command("INFO", "commandstats"));
      Matcher calls = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(info);
      return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
