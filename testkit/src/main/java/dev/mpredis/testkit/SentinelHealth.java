package dev.mpredis.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Diagnoses a {@link SentinelTopology}: which master the sentinels name, and what is unhealthy. */
final class SentinelHealth {

  private final String masterName;
  private final List<RedisServer> dataNodes;
  private final List<RedisServer> sentinels;

  SentinelHealth(String masterName, List<RedisServer> dataNodes, List<RedisServer> sentinels) {
    this.masterName = masterName;
    this.dataNodes = dataNodes;
    this.sentinels = sentinels;
  }

  /** Waits until {@link #problem()} finds nothing; the timeout's message names the last problem. */
  void await(Duration timeout) {
    String[] problem = {"not checked yet"};
    try {
      Waits.until(
          "a healthy sentinel topology",
          timeout,
          () -> {
            problem[0] = problem();
            return problem[0] == null;
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + " (last problem: " + problem[0] + ")", e);
    }
  }

  /** Whether every sentinel names the same new master instead of {@code old}, and it is one. */
  boolean failedOverFrom(RedisServer old) {
    Integer agreed = null;
    for (RedisServer sentinel : sentinels) {
      Optional<Integer> port = masterPort(sentinel);
      if (port.isEmpty()
          || port.get() == old.port()
          || (agreed != null && !agreed.equals(port.get()))) {
        return false;
      }
      agreed = port.get();
    }
    int newPort = agreed;
    return dataNodes.stream()
        .filter(n -> n.port() == newPort && n.isRunning())
        .anyMatch(n -> "master".equals(info(n, "role")));
  }

  /** What is not healthy yet, or null. */
  String problem() {
    Optional<Integer> master = masterPort(sentinels.get(0));
    if (master.isEmpty()) {
      return "sentinel " + sentinels.get(0).port() + " does not answer";
    }
    int masterPort = master.get();
    List<RedisServer> replicas =
        dataNodes.stream().filter(n -> n.port() != masterPort && n.isRunning()).toList();
    try {
      for (RedisServer replica : replicas) {
        Object info = replica.command("INFO", "replication");
        if (!"up".equals(Replies.infoField(info, "master_link_status").orElse(""))
            || !Integer.toString(masterPort)
                .equals(Replies.infoField(info, "master_port").orElse(""))) {
          return "replica " + replica.port() + " is not in sync with " + masterPort;
        }
      }
      for (RedisServer sentinel : sentinels) {
        if (!Optional.of(masterPort).equals(masterPort(sentinel))) {
          return "sentinel " + sentinel.port() + " names another master";
        }
        Map<String, String> masterState =
            Replies.fields(sentinel.command("SENTINEL", "MASTER", masterName));
        if (!"master".equals(masterState.get("flags"))) {
          return "sentinel " + sentinel.port() + " sees master flags " + masterState.get("flags");
        }
        List<Map<String, String>> seen =
            Replies.fieldList(sentinel.command("SENTINEL", "REPLICAS", masterName));
        for (RedisServer replica : replicas) {
          String port = Integer.toString(replica.port());
          boolean healthy =
              seen.stream()
                  .anyMatch(r -> port.equals(r.get("port")) && "slave".equals(r.get("flags")));
          if (!healthy) {
            return "sentinel " + sentinel.port() + " does not see replica " + port + " healthy";
          }
        }
        long others =
            Replies.fieldList(sentinel.command("SENTINEL", "SENTINELS", masterName)).stream()
                .filter(s -> "sentinel".equals(s.get("flags")))
                .count();
        if (others != sentinels.size() - 1) {
          return "sentinel " + sentinel.port() + " sees " + others + " healthy other sentinels";
        }
      }
    } catch (IOException e) {
      return e.toString();
    }
    return null;
  }

  /** The master port reported by {@code sentinel} (any running sentinel when null). */
  Optional<Integer> masterPort(RedisServer sentinel) {
    for (RedisServer s : sentinel == null ? sentinels : List.of(sentinel)) {
      try {
        Object reply = s.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
        if (reply instanceof List<?> address && address.size() == 2) {
          return Optional.of(Integer.parseInt(String.valueOf(address.get(1))));
        }
      } catch (IOException | IllegalStateException e) {
        // This sentinel is down or closed: ask the next.
      }
    }
    return Optional.empty();
  }

  private static String info(RedisServer node, String field) {
    try {
      return Replies.infoField(node.command("INFO", "replication"), field).orElse("");
    } catch (IOException e) {
      return "";
    }
  }

  /** The data nodes' ports and which are down, for failure messages. */
  String status() {
    return " (data nodes "
        + dataNodes.stream().map(n -> n.port() + (n.isRunning() ? "" : " down")).toList()
        + ")";
  }
}
