package dev.mpredis.testkit;

import static dev.mpredis.testkit.ClusterTopology.SLOTS;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Forms and grows a {@link ClusterTopology}: epochs, slots, meetings, replicas. */
final class ClusterFormation {

  private static final int ADDSLOTS_BATCH = 1000;

  private ClusterFormation() {}

  /**
   * Starts the nodes {@code options} asks for and forms them into a healthy cluster.
   *
   * @throws IllegalStateException if it is not healthy within the start timeout; the message
   *     carries every node's log, and every node started is gone
   */
  static ClusterTopology start(ClusterTopology.Builder options) {
    ClusterTopology cluster = new ClusterTopology(nodeConfig(options));
    long deadline = System.nanoTime() + options.startTimeout.toNanos();
    try {
      int total = options.masters * (1 + options.replicasPerMaster);
      for (int i = 0; i < total; i++) {
        cluster.startNode();
      }
      List<RedisServer> nodes = cluster.nodes();
      List<RedisServer> masters = nodes.subList(0, options.masters);
      for (int i = 0; i < options.masters; i++) {
        RedisServer master = masters.get(i);
        master.command("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
        addSlots(master, SLOTS * i / options.masters, SLOTS * (i + 1) / options.masters - 1);
      }
      RedisServer first = nodes.get(0);
      for (RedisServer node : nodes.subList(1, total)) {
        meet(first, node);
      }
      cluster.awaitAllKnown(remaining(deadline));
      for (int i = options.masters; i < total; i++) {
        RedisServer master = masters.get(i % options.masters);
        nodes.get(i).command("CLUSTER", "REPLICATE", cluster.nodeId(master));
      }
      cluster.awaitHealthy(remaining(deadline));
      return cluster;
    } catch (IOException | RuntimeException | AssertionError e) {
      String logs = cluster.logTails();
      cluster.close();
      throw new IllegalStateException("the cluster did not start: " + e.getMessage() + logs, e);
    }
  }

  /**
   * The configuration every node shares: small timings keep failovers to a few seconds, and a
   * validity factor of 0 lets any replica take over however long its master was gone.
   */
  private static RedisServerConfig nodeConfig(ClusterTopology.Builder options) {
    RedisServerConfig.Builder config =
        RedisServerConfig.builder()
            .binary(options.binary)
            .startTimeout(options.startTimeout)
            .directive("cluster-enabled", "yes")
            .directive("cluster-config-file", "nodes.conf")
            .directive("cluster-node-timeout", Long.toString(options.nodeTimeout.toMillis()))
            .directive("cluster-replica-validity-factor", "0")
            .directive("cluster-require-full-coverage", options.requireFullCoverage ? "yes" : "no")
            .directive("repl-diskless-sync-delay", "0");
    if (options.password != null) {
      config
          .password(options.password)
          .directive("masterauth", RedisServerConfig.quote(options.password));
    }
    return config.build();
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }

  /**
   * Starts one more node, meets it with the first running one and waits until every node knows it
   * and the cluster is healthy, within {@code timeout} in all.
   */
  static RedisServer addMaster(ClusterTopology cluster, Duration timeout) throws IOException {
    RedisServer first = cluster.running().stream().findFirst().orElseThrow();
    RedisServer node = cluster.startNode();
    meet(first, node);
    long deadline = System.nanoTime() + timeout.toNanos();
    cluster.awaitAllKnown(timeout);
    cluster.awaitHealthy(remaining(deadline));
    return node;
  }

  private static void meet(RedisServer known, RedisServer node) throws IOException {
    known.command("CLUSTER", "MEET", node.host(), Integer.toString(node.port()));
  }

  /** ADDSLOTSRANGE is 7.0+; on 6.2 the slots go in batches to keep each command small. */
  private static void addSlots(RedisServer master, int from, int to) throws IOException {
    if (master.binary().isAtLeast(7, 0)) {
      master.command("CLUSTER", "ADDSLOTSRANGE", Integer.toString(from), Integer.toString(to));
      return;
    }
    for (int start = from; start <= to; start += ADDSLOTS_BATCH) {
      int end = Math.min(to, start + ADDSLOTS_BATCH - 1);
      List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
      for (int slot = start; slot <= end; slot++) {
        command.add(Integer.toString(slot));
      }
      master.command(command.toArray(String[]::new));
    }
  }
}
