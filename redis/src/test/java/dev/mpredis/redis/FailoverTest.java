package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.ClusterTopology;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisServer;
import dev.mpredis.testkit.SentinelTopology;
import dev.mpredis.testkit.Waits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After the master is killed, the same manager and the same lease work again without a restart, and
 * the loss is reported once. Each test prints the time from the kill to the first successful
 * machine on the same lease, which is how long callers see failures.
 */
@Tag("server")
class FailoverTest {

  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  static final RedisExtension sentinel =
      RedisExtension.sentinel(b -> b.downAfter(Duration.ofMillis(1000)));

  @RegisterExtension
  static final RedisExtension cluster =
      RedisExtension.cluster(b -> b.masters(3).replicasPerMaster(1));

  @Test
  void sentinel_killMaster_sameLeaseServesTheNewMaster() {
    SentinelTopology group = sentinel.sentinel();
    String url = group.endpoints().uri("commandTimeout=1s");
    List<FailureReport> reports = new CopyOnWriteArrayList<>();
    try (Manager manager = Redis.createManager(url, reports::add).orThrow();
        Connection connection = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(connection, "before", "kept").orThrow();
      Waits.until(
          "the write to reach the replicas",
          Duration.ofSeconds(10),
          () -> group.dataNodes().stream().allMatch(node -> hasKey(node, "before")));

      long killed = System.nanoTime();
      RedisServer old = group.killMaster(FAILOVER_TIMEOUT);
      long promoted = System.nanoTime();
      long recovered = firstSuccess(connection, killed);

      report("sentinel", killed, promoted, recovered);
      assertThat(Redis.getCachedValue(connection, "before").output()).isEqualTo("kept");
      assertThat(Redis.serverInfo(connection).orThrow().role())
          .isEqualTo(ServerDescription.Role.MASTER);
      assertThat(reports)
          .filteredOn(report -> report.kind() == FailureReport.Kind.CONNECTION_LOST)
          .hasSize(1);
      group.restart(old, FAILOVER_TIMEOUT);
    }
  }

  @Test
  void cluster_killMasterOfAKey_sameLeaseServesItsReplica() {
    ClusterTopology nodes = cluster.cluster();
    String url = nodes.endpoints().uri("commandTimeout=1s");
    try (Manager manager = Redis.createManager(url).orThrow();
        Connection connection = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(connection, "before", "kept").orThrow();
      nodes.awaitReplicated(Duration.ofSeconds(10));
      RedisServer master = nodes.masterOf(nodes.keySlot("before"));

      long killed = System.nanoTime();
      nodes.killMaster(master, FAILOVER_TIMEOUT);
      long promoted = System.nanoTime();
      long recovered = firstRead(connection, "before", killed);

      report("cluster", killed, promoted, recovered);
      assertThat(Redis.getCachedValue(connection, "before").output()).isEqualTo("kept");
      assertThat(Redis.cacheValue(connection, "after", "written").isSuccess()).isTrue();
      nodes.restart(master, FAILOVER_TIMEOUT);
    }
  }

  /**
   * Prints the time from the kill to the first success on the same lease, and how much of it came
   * after the servers had promoted a replica (the client's own share).
   */
  private static void report(String kind, long killed, long promoted, long recovered) {
    System.err.printf(
        "mp-redis failover: %s, kill to first success on the same lease: %d ms (replica promoted"
            + " after %d ms; the client's share: %d ms)%n",
        kind,
        (recovered - killed) / 1_000_000,
        (promoted - killed) / 1_000_000,
        Math.max(0, recovered - promoted) / 1_000_000);
  }

  /** Writes until one write succeeds; returns when. Failures on the way are expected. */
  private static long firstSuccess(Connection connection, long since) {
    long[] when = new long[1];
    Waits.until(
        "a write on the same lease to succeed after the failover",
        FAILOVER_TIMEOUT,
        () -> {
          boolean ok = Redis.cacheValue(connection, "probe", System.nanoTime() - since).isSuccess();
          when[0] = System.nanoTime();
          return ok;
        });
    return when[0];
  }

  /** Reads {@code key} until a read succeeds; returns when. Failures on the way are expected. */
  private static long firstRead(Connection connection, String key, long since) {
    long[] when = new long[1];
    Waits.until(
        "a read of " + key + " on the same lease to succeed after the failover",
        FAILOVER_TIMEOUT,
        () -> {
          boolean ok = Redis.getCachedValue(connection, key).isSuccess();
          when[0] = System.nanoTime();
          return ok;
        });
    return when[0];
  }

  private static boolean hasKey(RedisServer node, String key) {
    try {
      return Long.valueOf(1).equals(node.command("EXISTS", key));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
