package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a test class sees of one registered {@link RedisExtension}. */
@Tag("server")
class RedisExtensionTest {

  @RegisterExtension
  static final RedisExtension redis =
      RedisExtension.server(b -> b.password("s3cret"))
          .withClient(RespClient.class, RedisExtensionTest::connect)
          .withClient(Pinger.class, RespClient.class, Pinger::new);

  static RespClient connect(RedisEndpoints endpoints) {
    try {
      RespClient client =
          RespClient.connect(
              "127.0.0.1", endpoints.addresses().get(0).port(), Duration.ofSeconds(5));
      client.command("AUTH", endpoints.password().orElseThrow());
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client made from another client. */
  record Pinger(RespClient client) implements AutoCloseable {
    Object ping() throws IOException {
      return client.command("PING");
    }

    @Override
    public void close() {}
  }

  @Test
  void parameters_areTheSharedTopologyEndpointsUriAndClients(
      RedisServer server,
      RedisTopology topology,
      RedisEndpoints endpoints,
      @RedisUri String uri,
      RespClient client,
      Pinger pinger)
      throws IOException {
    assertThat(server).isSameAs(redis.server()).isSameAs(topology);
    assertThat(server.password()).contains("s3cret");
    assertThat(endpoints).isEqualTo(server.endpoints());
    assertThat(uri).isEqualTo("redis://127.0.0.1:" + server.port()).isEqualTo(redis.uri());
    assertThat(client).isSameAs(redis.client(RespClient.class));
    assertThat(client.command("PING")).isEqualTo("PONG");
    assertThat(pinger.client()).isSameAs(client);
    assertThat(pinger.ping()).isEqualTo("PONG");
  }

  @Test
  void kind_followsTheOptions() {
    assertThat(redis.kind()).isEqualTo(RedisKind.STANDALONE);
    assertThat(RedisExtension.server(b -> b.unixSocket()).kind()).isEqualTo(RedisKind.SOCKET);
    assertThat(RedisExtension.server(b -> b.tls(true).unixSocket()).kind())
        .isEqualTo(RedisKind.TLS);
    for (RedisKind kind : RedisKind.values()) {
      assertThat(RedisExtension.of(kind).kind()).isEqualTo(kind);
    }
  }

  @Test
  void accessors_ofAnotherKind_sayWhatRuns() {
    assertThatThrownBy(redis::cluster)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this extension runs a STANDALONE deployment, not a ClusterTopology");
    assertThatThrownBy(redis::sentinel).hasMessageContaining("not a SentinelTopology");
    assertThatThrownBy(() -> redis.client(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no client of type java.lang.String");
  }

  @Test
  void accessors_beforeTheStart_explainHowToRegister() {
    RedisExtension unregistered = RedisExtension.of(RedisKind.CLUSTER);
    assertThatThrownBy(unregistered::topology)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the CLUSTER deployment is not started")
        .hasMessageContaining("static field");
    assertThat(unregistered).hasToString("RedisExtension[CLUSTER, not running]");
  }

  @Test
  void withClient_refusesATypeTwiceAndAnUnregisteredSource() {
    RedisExtension base = RedisExtension.of(RedisKind.STANDALONE);
    RedisExtension one = base.withClient(RespClient.class, RedisExtensionTest::connect);
    assertThatThrownBy(() -> one.withClient(RespClient.class, RedisExtensionTest::connect))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was registered already");
    assertThatThrownBy(() -> base.withClient(Pinger.class, RespClient.class, Pinger::new))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("which is not registered");
  }

  @Test
  void toString_namesTheKindAndEndpoints_neverThePassword() {
    assertThat(redis.toString()).startsWith("RedisExtension[STANDALONE, RedisEndpoints[");
    assertThat(redis.toString()).doesNotContain("s3cret").contains("password=****");
  }
}
