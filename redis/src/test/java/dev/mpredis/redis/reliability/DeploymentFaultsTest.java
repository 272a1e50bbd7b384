package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.Exit;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.testkit.ClusterTopology;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * F34 (no sentinel answers; a master name the sentinels do not know) and F36 without replicas (a
 * dead master's slots fail, the others keep working). F33, F35 and F36 with replicas are in {@code
 * FailoverTest} and {@code ClusterDeploymentTest}.
 */
@Tag("server")
class DeploymentFaultsTest {

  @RegisterExtension static final RedisExtension sentinel = RedisExtension.sentinel(b -> {});

  @RegisterExtension
  static final RedisExtension cluster =
      RedisExtension.cluster(b -> b.masters(3).replicasPerMaster(0).requireFullCoverage(false));

  @Test
  void f34_noSentinelAnswers_failsSentinelUnavailableInBoundedTime() throws IOException {
    int nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    String url = "redis-sentinel://127.0.0.1:" + nobody + "?connectTimeout=1s#mymaster";
    try (Manager manager = Redis.createManager(url).orThrow()) {
      Call<?> call =
          Call.of(() -> Redis.getConnection(manager, Duration.ofSeconds(3)))
              .ended("failed", RedisErrorCode.SENTINEL_UNAVAILABLE)
              .within(3_000);
      assertThat(call.message()).contains("127.0.0.1:" + nobody);
    }
  }

  @Test
  void f34_unknownMasterName_failsMasterUnknownInBoundedTime() {
    String url = sentinel.uri().replace("#" + sentinel.sentinel().masterName(), "#nosuchmaster");
    try (Manager manager = Redis.createManager(url).orThrow()) {
      Call<?> call =
          Call.of(() -> Redis.getConnection(manager, Duration.ofSeconds(3)))
              .ended("failed", RedisErrorCode.MASTER_UNKNOWN)
              .within(3_000);
      assertThat(call.message()).contains("nosuchmaster");
    }
  }

  @Test
  void f36_masterWithoutReplicaKilled_onlyItsSlotsFail() {
    ClusterTopology nodes = cluster.cluster();
    try (Manager manager =
            Redis.createManager(cluster.endpoints().uri("commandTimeout=1s")).orThrow();
        Connection connection = Redis.getConnection(manager).orThrow()) {
      RedisServer victim = nodes.masters().get(0);
      String lost = keyServedBy(nodes, victim, true);
      String kept = keyServedBy(nodes, victim, false);
      Redis.cacheValue(connection, kept, "still here").orThrow();

      victim.kill();
      try {
        Exit<?> onLost = Redis.cacheValue(connection, lost, 1);
        assertThat(onLost.isSuccess()).isFalse();
        assertThat(((Exit.Failed) onLost).error().code())
            .isIn(
                RedisErrorCode.CONNECTION_LOST,
                RedisErrorCode.COMMAND_TIMEOUT,
                RedisErrorCode.CLUSTER_DOWN);
        assertThat(Redis.getCachedValue(connection, kept).output()).isEqualTo("still here");
      } finally {
        nodes.restart(victim, Duration.ofSeconds(30));
      }
    }
  }

  private static String keyServedBy(ClusterTopology nodes, RedisServer master, boolean by) {
    for (int i = 0; ; i++) {
      String key = "f36-" + i;
      if (nodes.masterOf(nodes.keySlot(key)).equals(master) == by) {
        return key;
      }
    }
  }
}
