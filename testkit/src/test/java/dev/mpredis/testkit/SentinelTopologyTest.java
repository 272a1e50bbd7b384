package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("server")
class SentinelTopologyTest {

  private static final Duration FAILOVER = Duration.ofSeconds(20);

  @RegisterExtension
  static final RedisExtension sentinel =
      RedisExtension.sentinel(b -> b.password("s3cret").sentinelPassword("watch"));

  private static RedisClient client;

  @BeforeAll
  static void createClient() {
    client = RedisClient.create();
  }

  @AfterAll
  static void shutdownClient() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  private static int masterPortFromSentinel(RedisServer node) {
    RedisURI uri =
        RedisURI.builder()
            .withHost(node.host())
            .withPort(node.port())
            .withPassword("watch".toCharArray())
            .build();
    try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(uri)) {
      SocketAddress address = connection.sync().getMasterAddrByName("mymaster");
      return ((InetSocketAddress) address).getPort();
    }
  }

  private static RedisURI sentinelUri(SentinelTopology topology) {
    RedisURI.Builder builder = null;
    for (RedisEndpoints.Address address : topology.endpoints().addresses()) {
      RedisURI sentinelNode =
          RedisURI.builder()
              .withHost(address.host())
              .withPort(address.port())
              .withPassword("watch".toCharArray())
              .build();
      builder =
          builder == null
              ? RedisURI.builder().withSentinelMasterId(topology.masterName())
              : builder;
      builder.withSentinel(sentinelNode);
    }
    return builder.withPassword("s3cret".toCharArray()).withTimeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void killMaster_sentinelsReportNewMaster_oldMasterRejoinsAsReplica() throws IOException {
    SentinelTopology topology = sentinel.sentinel();
    RedisServer before = topology.master();
    for (RedisServer node : topology.sentinels()) {
      assertThat(masterPortFromSentinel(node)).isEqualTo(before.port());
    }
    try (StatefulRedisConnection<String, String> connection =
        client.connect(sentinelUri(topology))) {
      assertThat(connection.sync().set("k", "v")).isEqualTo("OK");
    }

    long started = System.nanoTime();
    RedisServer killed = topology.killMaster(FAILOVER);
    System.err.printf(
        "mp-redis testkit: sentinel failover took %d ms%n",
        (System.nanoTime() - started) / 1_000_000);

    RedisServer after = topology.master();
    assertThat(killed).isSameAs(before);
    assertThat(after).isNotSameAs(before);
    for (RedisServer node : topology.sentinels()) {
      assertThat(masterPortFromSentinel(node)).isEqualTo(after.port());
    }
    try (StatefulRedisConnection<String, String> connection =
        client.connect(sentinelUri(topology))) {
      assertThat(connection.sync().set("k2", "v2")).isEqualTo("OK");
    }

    started = System.nanoTime();
    topology.restart(killed, FAILOVER);
    System.err.printf(
        "mp-redis testkit: old master rejoined in %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    assertThat(Replies.infoField(killed.command("INFO", "replication"), "role")).contains("slave");
    assertThat(topology.master()).isSameAs(after);
  }

  @Test
  void endpoints_listSentinelsAndMasterNameWithoutPasswords() throws IOException {
    SentinelTopology topology = sentinel.sentinel();
    RedisEndpoints endpoints = topology.endpoints();
    assertThat(endpoints.kind()).isEqualTo(RedisKind.SENTINEL);
    assertThat(endpoints.addresses()).hasSize(3);
    assertThat(endpoints.uri()).startsWith("redis-sentinel://127.0.0.1:").endsWith("#mymaster");
    assertThat(endpoints.password()).contains("s3cret");
    assertThat(endpoints.sentinelPassword()).contains("watch");
    assertThat(endpoints.toString()).doesNotContain("s3cret").doesNotContain("watch");
    assertThat(topology.sentinels().get(0).command("PING")).isEqualTo("PONG");
  }
}
