package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("server")
class TopologyStartFailureTest {

  @Test
  void start_clusterNotHealthyInTime_failsWithEveryLogAndLeavesNothing() {
    int[] before = LiveProcesses.counts();
    // Masters refuse to report cluster_state:ok during their first 2 s, so 300 ms cannot suffice.
    assertThatThrownBy(
            () -> ClusterTopology.builder().startTimeout(Duration.ofMillis(300)).start().close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the cluster did not start")
        .hasMessageContaining("--- redis-server log");
    assertThat(LiveProcesses.counts()).containsExactly(before);
  }

  @Test
  void start_sentinelNotReadyInTime_failsAndLeavesNothing() {
    int[] before = LiveProcesses.counts();
    assertThatThrownBy(
            () -> SentinelTopology.builder().startTimeout(Duration.ofMillis(1)).start().close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the sentinel topology did not start");
    assertThat(LiveProcesses.counts()).containsExactly(before);
  }

  @Test
  void close_sentinelTopology_killsEveryProcessAndDeletesEveryDirectory() {
    SentinelTopology topology = SentinelTopology.builder().start();
    List<RedisServer> all = new ArrayList<>(topology.dataNodes());
    all.addAll(topology.sentinels());
    List<Long> pids = all.stream().map(RedisServer::pid).toList();

    topology.close();
    topology.close(); // idempotent

    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }
    assertThat(all).allSatisfy(s -> assertThat(s.directory()).doesNotExist());
  }
}
