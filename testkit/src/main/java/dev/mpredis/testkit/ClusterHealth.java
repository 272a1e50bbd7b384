package dev.mpredis.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a {@link ClusterTopology} checks before it calls itself ready: membership, cluster state,
 * one slot map agreed by every running node, replicas in sync. Each check returns what is wrong, or
 * null.
 */
final class ClusterHealth {

  private final ClusterTopology cluster;

  ClusterHealth(ClusterTopology cluster) {
    this.cluster = cluster;
  }

  static void await(String what, Duration timeout, ProblemCheck check) {
    String[] problem = {"not checked yet"};
    try {
      Waits.until(
          what,
          timeout,
          () -> {
            try {
              problem[0] = check.problem();
            } catch (IOException | RuntimeException e) {
              problem[0] = e.toString();
            }
            return problem[0] == null;
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + " (last problem: " + problem[0] + ")", e);
    }
  }

  interface ProblemCheck {
    String problem() throws IOException;
  }

  String membershipProblem() throws IOException {
    for (RedisServer node : cluster.running()) {
      String view = String.valueOf(node.command("CLUSTER", "NODES"));
      long known = view.lines().filter(l -> !l.isBlank()).count();
      if (known != cluster.nodes().size()
          || view.contains("handshake")
          || view.contains("noaddr")) {
        return "node "
            + node.port()
            + " knows "
            + known
            + " of "
            + cluster.nodes().size()
            + " nodes";
      }
    }
    return null;
  }

  String problem() throws IOException {
    String agreed = null;
    for (RedisServer node : cluster.running()) {
      Object info = node.command("CLUSTER", "INFO");
      if (!"ok".equals(Replies.infoField(info, "cluster_state").orElse(""))) {
        return "node "
            + node.port()
            + " reports cluster_state "
            + Replies.infoField(info, "cluster_state");
      }
      String map = slotMap(node.command("CLUSTER", "SLOTS"));
      if (map.startsWith("!")) {
        return "node " + node.port() + map;
      }
      if (agreed != null && !agreed.equals(map)) {
        return "nodes disagree on the slot map: " + agreed + " vs " + map + " at " + node.port();
      }
      agreed = map;
      Object replication = node.command("INFO", "replication");
      if ("slave".equals(Replies.infoField(replication, "role").orElse(""))
          && !"up".equals(Replies.infoField(replication, "master_link_status").orElse(""))) {
        return "replica " + node.port() + " is not in sync";
      }
    }
    return null;
  }

  /** The slot map as one canonical string, or a problem starting with "!". */
  private String slotMap(Object reply) {
    Map<Long, String> ranges = new TreeMap<>();
    long covered = 0;
    for (Object item : (List<?>) reply) {
      List<?> range = (List<?>) item;
      long from = (Long) range.get(0);
      long to = (Long) range.get(1);
      covered += to - from + 1;
      List<Long> ports = new ArrayList<>();
      for (Object node : range.subList(2, range.size())) {
        ports.add((Long) ((List<?>) node).get(1));
      }
      Optional<RedisServer> master = cluster.byPort(ports.get(0).intValue());
      if (master.isEmpty() || !master.get().isRunning()) {
        return "! sees slots " + from + "-" + to + " on the down node " + ports.get(0);
      }
      List<Long> replicas = new ArrayList<>(ports.subList(1, ports.size()));
      replicas.sort(null);
      ranges.put(from, from + "-" + to + "@" + ports.get(0) + replicas);
    }
    if (covered != ClusterTopology.SLOTS) {
      return "! sees " + covered + " of " + ClusterTopology.SLOTS + " slots served";
    }
    return String.join(" ", ranges.values());
  }

  String replicationProblem() throws IOException {
    for (RedisServer node : cluster.running()) {
      Object replication = node.command("INFO", "replication");
      if ("slave".equals(Replies.infoField(replication, "role").orElse(""))) {
        int masterPort =
            Integer.parseInt(Replies.infoField(replication, "master_port").orElse("0"));
        Optional<RedisServer> master = cluster.byPort(masterPort).filter(RedisServer::isRunning);
        if (master.isEmpty()) {
          continue;
        }
        String masterOffset =
            Replies.infoField(master.get().command("INFO", "replication"), "master_repl_offset")
                .orElse("?");
        String offset = Replies.infoField(replication, "slave_repl_offset").orElse("");
        if (!masterOffset.equals(offset)) {
          return "replica " + node.port() + " at offset " + offset + " of " + masterOffset;
        }
      }
    }
    return null;
  }
}
