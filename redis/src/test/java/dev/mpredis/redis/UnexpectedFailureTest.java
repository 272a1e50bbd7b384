package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.FaultProxy;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.Waits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("server")
class UnexpectedFailureTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  @Test
  void onUnexpectedFailure_reportsAKilledServerOnce_offTheCallersThread_thenRecovers() {
    List<FailureReport> reports = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    String caller = Thread.currentThread().getName();
    try (Manager manager =
        Redis.createManager(
                redis.server().uri(),
                report -> {
                  threads.add(Thread.currentThread().getName());
                  reports.add(report);
                  throw new IllegalStateException("a callback that throws must not break us");
                })
            .orThrow()) {
      Connection connection = Redis.getConnection(manager).orThrow();
      Redis.cacheValue(connection, "k", "v").orThrow();

      redis.server().kill();
      Waits.until(
          "a CONNECTION_LOST report",
          Duration.ofSeconds(5),
          () -> reports.stream().anyMatch(r -> r.kind() == FailureReport.Kind.CONNECTION_LOST));
      Waits.until(
          "a RECONNECT_FAILED report",
          Duration.ofSeconds(5),
          () -> reports.stream().anyMatch(r -> r.kind() == FailureReport.Kind.RECONNECT_FAILED));

      // While down, calls fail fast with a classified code instead of queueing.
      assertThat(Redis.cacheValue(connection, "k", "v"))
          .isInstanceOfSatisfying(
              CacheValue.Error.class,
              e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.CONNECTION_LOST));

      redis.server().restart();
      Waits.until(
          "the same manager works again",
          Duration.ofSeconds(10),
          () -> Redis.cacheValue(connection, "k", "again") instanceof CacheValue.Success);

      assertThat(reports.stream().filter(r -> r.kind() == FailureReport.Kind.CONNECTION_LOST))
          .hasSize(1);
      assertThat(reports.stream().filter(r -> r.kind() == FailureReport.Kind.RECONNECT_FAILED))
          .hasSize(1);
      FailureReport lost = reports.get(0);
      assertThat(lost.connection()).contains("127.0.0.1:" + redis.server().port());
      assertThat(lost.error().code()).isEqualTo(RedisErrorCode.CONNECTION_LOST);
      assertThat(threads).allMatch(t -> t.startsWith("mp-redis-notifier-")).doesNotContain(caller);
    }
  }

  @Test
  void getConnection_waitsForAReconnect_noLongerThanItsTimeout() {
    List<FailureReport> reports = new CopyOnWriteArrayList<>();
    try (Manager manager = Redis.createManager(redis.server().uri(), reports::add).orThrow()) {
      Redis.getConnection(manager).orThrow();
      redis.server().kill();
      try {
        Waits.until(
            "the manager notices the loss", Duration.ofSeconds(5), () -> !reports.isEmpty());
        long start = System.nanoTime();
        GetConnection.Result result = Redis.getConnection(manager, Duration.ofMillis(300));
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(result)
            .isInstanceOfSatisfying(
                GetConnection.Failed.class,
                f ->
                    assertThat(f.error().code())
                        .isIn(RedisErrorCode.CONNECTION_LOST, RedisErrorCode.CONNECTION_REFUSED));
        assertThat(took).isBetween(250L, 2000L);
      } finally {
        redis.server().restart();
      }
      Waits.until(
          "a lease once the server is back",
          Duration.ofSeconds(10),
          () ->
              Redis.getConnection(manager, Duration.ofMillis(500))
                  instanceof GetConnection.Success);
    }
  }

  @Test
  void networkReset_callsFailFastWithConnectionLost_thenTheSameLeaseWorksAgain() {
    try (FaultProxy proxy = FaultProxy.start("127.0.0.1", redis.server().port());
        Manager manager = Redis.createManager(proxy.uri()).orThrow()) {
      Connection connection = Redis.getConnection(manager).orThrow();
      Redis.cacheValue(connection, "k", "before").orThrow();

      proxy.blackhole(); // new connects hang, so the reconnect cannot succeed yet
      proxy.dropAll(); // and the open connection is reset, as a cut cable would
      Waits.until(
          "a call fails with CONNECTION_LOST",
          Duration.ofSeconds(5),
          () ->
              Redis.getCachedValue(connection, "k") instanceof GetCachedValue.Error e
                  && e.error().code() == RedisErrorCode.CONNECTION_LOST);
      long start = System.nanoTime();
      assertThat(Redis.cacheValue(connection, "k", "during")).isInstanceOf(CacheValue.Error.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis())
          .as("while down, calls fail at once instead of queueing")
          .isLessThan(1000);

      proxy.passThrough();
      proxy.dropAll(); // the reconnect attempt stuck in the black hole starts over
      Waits.until(
          "the same lease works again",
          Duration.ofSeconds(10),
          () -> Redis.cacheValue(connection, "k", "after") instanceof CacheValue.Success);
      assertThat(Redis.getCachedValue(connection, "k").orThrow()).isEqualTo("after");
    }
  }
}
