package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("server")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTopologyTest {

  private static final Duration FAILOVER = Duration.ofSeconds(20);

  @RegisterExtension
  static final RedisExtension cluster = RedisExtension.cluster(b -> b.password("s3cret"));

  private static RedisClusterClient client(ClusterTopology topology) {
    List<RedisURI> seeds =
        topology.endpoints().addresses().stream()
            .map(
                a ->
                    RedisURI.builder()
                        .withHost(a.host())
                        .withPort(a.port())
                        .withPassword("s3cret".toCharArray())
                        .withTimeout(Duration.ofSeconds(5))
                        .build())
            .toList();
    // Lettuce 7 enables every adaptive topology refresh trigger (MOVED, ASK, reconnects) by
    // default.
    return RedisClusterClient.create(seeds);
  }

  @Test
  @Order(1)
  void start_everyNodeReportsOkAndThreeMastersServeAllSlots() throws IOException {
    ClusterTopology topology = cluster.cluster();
    assertThat(topology.nodes()).hasSize(6);
    for (RedisServer node : topology.nodes()) {
      Object info = node.command("CLUSTER", "INFO");
      assertThat(Replies.infoField(info, "cluster_state")).contains("ok");
      assertThat(Replies.infoField(info, "cluster_slots_assigned")).contains("16384");
      assertThat(Replies.infoField(info, "cluster_known_nodes")).contains("6");
    }
    assertThat(topology.masters()).hasSize(3);
    assertThat(topology.endpoints().kind()).isEqualTo(RedisKind.CLUSTER);
    assertThat(topology.endpoints().toString()).doesNotContain("s3cret");
  }

  @Test
  @Order(2)
  void killMaster_replicaServesTheSlotsAndKeysSurvive() {
    ClusterTopology topology = cluster.cluster();
    RedisClusterClient client = client(topology);
    try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
      assertThat(connection.sync().set("user:1", "alice")).isEqualTo("OK");
      assertThat(connection.sync().get("user:1")).isEqualTo("alice");
      topology.awaitReplicated(FAILOVER);

      int slot = topology.keySlot("user:1");
      RedisServer master = topology.masterOf(slot);
      long started = System.nanoTime();
      topology.killMaster(master, FAILOVER);
      System.err.printf(
          "mp-redis testkit: cluster failover took %d ms%n",
          (System.nanoTime() - started) / 1_000_000);

      assertThat(topology.masterOf(slot)).isNotSameAs(master);
      client.refreshPartitions();
      assertThat(connection.sync().get("user:1")).isEqualTo("alice");
      assertThat(connection.sync().set("user:1", "bob")).isEqualTo("OK");

      topology.restart(master, FAILOVER);
      assertThat(topology.masterOf(slot)).isNotSameAs(master);
      assertThat(topology.masters()).hasSize(3);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Test
  @Order(3)
  void migrateSlot_toAnAddedMaster_answersAskThenMoved() throws IOException {
    ClusterTopology topology = cluster.cluster();
    RedisServer added = topology.addEmptyMaster(FAILOVER);
    int slot = topology.keySlot("{order}:1");
    RedisServer source = topology.masterOf(slot);
    source.command("SET", "{order}:1", "one");
    source.command("SET", "{order}:2", "two");

    SlotMigration migration = topology.beginSlotMigration(slot, added);
    migration.moveKeys("{order}:1");
    assertThatThrownBy(() -> source.command("GET", "{order}:1"))
        .isInstanceOfSatisfying(
            RespErrorException.class, e -> assertThat(e.prefix()).isEqualTo("ASK"));
    assertThat(source.command("GET", "{order}:2")).isEqualTo("two");
    migration.moveKeys();
    migration.finish(FAILOVER);

    assertThat(topology.masterOf(slot)).isSameAs(added);
    assertThat(added.command("GET", "{order}:2")).isEqualTo("two");
    assertThatThrownBy(() -> source.command("GET", "{order}:1"))
        .isInstanceOfSatisfying(
            RespErrorException.class, e -> assertThat(e.prefix()).isEqualTo("MOVED"));

    RedisClusterClient client = client(topology);
    try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
      assertThat(connection.sync().get("{order}:1")).isEqualTo("one");
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
