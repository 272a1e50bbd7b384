package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.Connection;
import dev.mpredis.redis.GetCachedValue;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No call ever returns another call's reply (F19–F22, B29): a request lost by the link, a slow
 * link, a reset, a half-open link and a garbled reply, each through the kit's {@link FaultProxy}.
 * Every key {@code k<i>} holds {@code "value of k<i>"}, so a reply taken for the wrong command
 * shows at once.
 */
@Tag("server")
class ConnectionInStepTest {

  static final int KEYS = 32;
  static final long COMMAND_TIMEOUT_MS = 800;
  static final long BOUND_MS = COMMAND_TIMEOUT_MS + 1000;

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  private FaultProxy proxy;
  private Manager manager;

  @BeforeAll
  static void fillAndWarmUp() throws IOException {
    for (int i = 0; i < KEYS; i++) {
      redis.server().command("SET", "k" + i, "\"value of k" + i + "\"");
    }
    // The JVM's first connection loads Netty and Lettuce: keep that out of the short timeouts.
    try (Manager warm = Redis.createManager(redis.server().uri()).orThrow()) {
      Redis.getCachedValue(Redis.getConnection(warm).orThrow(), "k0").orThrow();
    }
  }

  @BeforeEach
  void start() {
    proxy = FaultProxy.start("127.0.0.1", redis.server().port());
    manager = Redis.createManager(proxy.uri() + "?commandTimeout=" + COMMAND_TIMEOUT_MS).orThrow();
  }

  @AfterEach
  void stop() {
    manager.close();
    proxy.close();
  }

  @Test
  void lostRequest_timesOut_thenConcurrentReadsNeverTakeAnotherKeysValue() {
    Connection connection = Redis.getConnection(manager).orThrow();
    assertThat(Redis.getCachedValue(connection, "k1").orThrow()).isEqualTo("value of k1");

    proxy.blackhole();
    GetCachedValue.Result<Object> lost = Redis.getCachedValue(connection, "k1");
    assertThat(lost)
        .isInstanceOfSatisfying(
            GetCachedValue.Error.class,
            e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.COMMAND_TIMEOUT));
    proxy.passThrough();

    // Pairs of reads in flight together: with replies one behind, the first takes the second's.
    // Reads fail fast while the link is re-opened; every success must carry its own key's value.
    int[] successes = {0};
    Waits.until(
        "100 reads succeed",
        Duration.ofSeconds(10),
        () -> {
          var first = read(connection, "k1");
          var second = read(connection, "k2");
          successes[0] += assertOwnValueOrFailure("k1", first);
          successes[0] += assertOwnValueOrFailure("k2", second);
          return successes[0] >= 100;
        });
    assertThat(Redis.getCachedValue(connection, "k3").orThrow()).isEqualTo("value of k3");
  }

  @Test
  void b29_unreadableReply_isProtocolError_andTheLinkIsResetNotLeftOutOfStep() {
    Connection connection = Redis.getConnection(manager).orThrow();
    assertThat(Redis.getCachedValue(connection, "k5").orThrow()).isEqualTo("value of k5");

    proxy.corruptNextReply();
    GetCachedValue.Result<Object> garbled = Redis.getCachedValue(connection, "k5");
    assertThat(garbled)
        .isInstanceOfSatisfying(
            GetCachedValue.Error.class,
            e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.PROTOCOL_ERROR));

    int[] successes = {0};
    Waits.until(
        "100 reads succeed",
        Duration.ofSeconds(10),
        () -> {
          var first = read(connection, "k6");
          var second = read(connection, "k7");
          successes[0] += assertOwnValueOrFailure("k6", first);
          successes[0] += assertOwnValueOrFailure("k7", second);
          return successes[0] >= 100;
        });
  }

  @Test
  void f41_timeoutOnADedicatedConnection_resetsItsLink_itKeepsItsUser_aNewLeaseStartsClean()
      throws IOException {
    redis.server().command("ACL", "SETUSER", "f41", "on", ">f41-pw", "~*", "+@connection", "+get");
    Connection dedicated = Redis.getDedicatedConnection(manager, Duration.ofSeconds(5)).orThrow();
    Redis.authenticate(dedicated, "f41", "f41-pw").orThrow();

    proxy.blackhole();
    assertThat(Redis.getCachedValue(dedicated, "k8"))
        .isInstanceOfSatisfying(
            GetCachedValue.Error.class,
            e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.COMMAND_TIMEOUT));
    proxy.passThrough();

    Waits.until(
        "the dedicated lease reads again",
        Duration.ofSeconds(5),
        () -> Redis.getCachedValue(dedicated, "k8") instanceof GetCachedValue.Success);
    assertThat(Redis.cacheValue(dedicated, "f41", 1))
        .as("re-opened as the user it authenticated as, who may not write")
        .isInstanceOfSatisfying(
            dev.mpredis.redis.CacheValue.Error.class,
            e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.NO_PERMISSION));
    Redis.releaseConnection(dedicated).orThrow();

    Connection fresh = Redis.getDedicatedConnection(manager, Duration.ofSeconds(5)).orThrow();
    assertThat(Redis.cacheValue(fresh, "f41", 1))
        .as("a new dedicated lease is a new link with the manager's user")
        .isInstanceOf(dev.mpredis.redis.CacheValue.Success.class);
    Redis.releaseConnection(fresh).orThrow();
  }

  @Test
  void halfOpenLink_firstCallTimesOut_theNextSucceedWithinASecond() {
    Connection connection = Redis.getConnection(manager).orThrow();
    assertThat(Redis.getCachedValue(connection, "k4").orThrow()).isEqualTo("value of k4");

    proxy.forgetOpenConnections(); // a middlebox forgot the idle flow; new flows pass
    long start = System.nanoTime();
    GetCachedValue.Result<Object> first = Redis.getCachedValue(connection, "k4");
    long timedOutAt = System.nanoTime();
    assertThat(first)
        .isInstanceOfSatisfying(
            GetCachedValue.Error.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(RedisErrorCode.COMMAND_TIMEOUT);
              assertThat(e.error().message()) // what was going on, as a pool's timeout says it
                  .contains("timed out after " + COMMAND_TIMEOUT_MS)
                  .contains("redis://127.0.0.1:" + proxy.port())
                  .contains("leases: 1 shared, 0 dedicated");
            });
    assertThat(millisSince(start)).isLessThan(BOUND_MS);

    Waits.until(
        "a read on the same lease succeeds",
        Duration.ofSeconds(5),
        () -> Redis.getCachedValue(connection, "k4") instanceof GetCachedValue.Success);
    assertThat(millisSince(timedOutAt))
        .as("recovered after the first timeout, not after the kernel gives up")
        .isLessThan(1000);
  }

  @Test
  void blackholeLatencyResetAndHalfOpen_32Threads_noReadEverReturnsAnotherKeysValue()
      throws Exception {
    Connection connection = Redis.getConnection(manager).orThrow();
    Traffic traffic = new Traffic(connection);
    ExecutorService threads = Executors.newFixedThreadPool(32);
    List<Future<?>> readers = new ArrayList<>();
    for (int t = 0; t < 32; t++) {
      readers.add(threads.submit(traffic::read));
    }
    try {
      traffic.await("traffic flows", () -> traffic.successes.sum() > 500);

      // Lost requests: the black hole lasts past a timeout and until the link was re-opened.
      int accepted = proxy.acceptedConnections();
      proxy.blackhole();
      traffic.await(
          "a timeout closed the link and a new one was tried",
          () -> traffic.timeouts.sum() > 0 && proxy.acceptedConnections() > accepted);
      proxy.passThrough();
      traffic.awaitSuccesses(300);

      // A slow link: late replies are dropped with their link, never taken by later commands.
      long timeouts = traffic.timeouts.sum();
      proxy.latency(Duration.ofMillis(COMMAND_TIMEOUT_MS + 300));
      traffic.await("calls time out on the slow link", () -> traffic.timeouts.sum() > timeouts);
      proxy.passThrough();
      traffic.awaitSuccesses(300);

      proxy.dropAll();
      traffic.awaitSuccesses(300);

      proxy.forgetOpenConnections();
      traffic.awaitSuccesses(300);
    } finally {
      traffic.running.set(false);
      threads.shutdown();
      assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    for (Future<?> reader : readers) {
      reader.get(); // rethrows a reader's assertion failure
    }
    assertThat(traffic.wrongValues).as("reads that returned another key's value").isEmpty();
    assertThat(traffic.slowCalls).as("calls beyond their timeout + 1 s").isEmpty();
  }

  /** 32 readers of random keys, counting outcomes and recording any value of another key. */
  private final class Traffic {
    final Connection connection;
    final AtomicBoolean running = new AtomicBoolean(true);
    final LongAdder successes = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final Map<String, Object> wrongValues = new ConcurrentHashMap<>();
    final List<String> slowCalls = java.util.Collections.synchronizedList(new ArrayList<>());

    Traffic(Connection connection) {
      this.connection = connection;
    }

    void read() {
      while (running.get()) {
        String key = "k" + ThreadLocalRandom.current().nextInt(KEYS);
        long start = System.nanoTime();
        GetCachedValue.Result<Object> result = Redis.getCachedValue(connection, key);
        long took = millisSince(start);
        if (took >= BOUND_MS) {
          slowCalls.add(took + " ms: " + result);
        }
        if (result instanceof GetCachedValue.Success success) {
          if (!("value of " + key).equals(success.value())) {
            wrongValues.put(key, success.value());
          }
          successes.increment();
        } else {
          if (result instanceof GetCachedValue.Error error
              && error.error().code() == RedisErrorCode.COMMAND_TIMEOUT) {
            timeouts.increment();
          }
          // Back off as a client would: 32 threads retrying failures that come back at once
          // (while the link is re-opened) would starve the 2 cores of the client's own threads.
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
      }
    }

    void awaitSuccesses(long more) {
      long target = successes.sum() + more;
      await(more + " more successful reads", () -> successes.sum() >= target);
    }

    void await(String what, BooleanSupplier condition) {
      Waits.until(what, Duration.ofSeconds(15), condition);
    }
  }

  private CompletableFuture<GetCachedValue.Result<Object>> read(Connection connection, String key) {
    return GetCachedValue.INSTANCE
        .runAsync(new GetCachedValue.Inputs(connection, key, null))
        .toCompletableFuture();
  }

  /** A read may fail while the link is re-opened, but a success must carry the key's own value. */
  private static int assertOwnValueOrFailure(
      String key, CompletableFuture<GetCachedValue.Result<Object>> call) {
    GetCachedValue.Result<Object> result = call.orTimeout(BOUND_MS, TimeUnit.MILLISECONDS).join();
    if (result instanceof GetCachedValue.Success success) {
      assertThat(success.value()).as("the value read for " + key).isEqualTo("value of " + key);
      return 1;
    }
    assertThat(result).isInstanceOf(GetCachedValue.Error.class);
    return 0;
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
