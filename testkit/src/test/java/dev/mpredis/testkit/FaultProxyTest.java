package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("server")
class FaultProxyTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  private FaultProxy proxy;

  @BeforeEach
  void startProxy() {
    proxy = FaultProxy.start(redis.server().host(), redis.server().port());
  }

  @AfterEach
  void closeProxy() {
    proxy.close();
  }

  private RespClient client(Duration timeout) throws IOException {
    return RespClient.connect("127.0.0.1", proxy.port(), timeout);
  }

  @Test
  void passThrough_forwardsBothWays() throws IOException {
    try (RespClient client = client(Duration.ofSeconds(2))) {
      assertThat(client.command("SET", "proxied", "yes")).isEqualTo("OK");
      assertThat(redis.server().command("GET", "proxied")).isEqualTo("yes");
    }
    assertThat(proxy.acceptedConnections()).isEqualTo(1);
  }

  @Test
  void latency_delaysReplies_beyondAShortTimeout() throws IOException {
    proxy.latency(Duration.ofMillis(400));
    try (RespClient client = client(Duration.ofMillis(200))) {
      assertThatThrownBy(() -> client.command("PING")).isInstanceOf(SocketTimeoutException.class);
    }
    try (RespClient patient = client(Duration.ofSeconds(3))) {
      assertThat(patient.command("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void blackhole_neverAnswers_thenPassThroughRecovers() throws IOException {
    proxy.blackhole();
    try (RespClient client = client(Duration.ofMillis(300))) {
      assertThatThrownBy(() -> client.command("SET", "blackholed", "1"))
          .isInstanceOf(SocketTimeoutException.class);
    }
    assertThat(redis.server().command("EXISTS", "blackholed")).isEqualTo(0L);
    proxy.passThrough();
    try (RespClient client = client(Duration.ofSeconds(2))) {
      assertThat(client.command("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void dropAll_resetsOpenConnections_newOnesWork() throws IOException {
    try (RespClient client = client(Duration.ofSeconds(2))) {
      assertThat(client.command("PING")).isEqualTo("PONG");
      proxy.dropAll();
      assertThatThrownBy(() -> client.command("PING")).isInstanceOf(IOException.class);
    }
    try (RespClient client = client(Duration.ofSeconds(2))) {
      assertThat(client.command("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void forgetOpenConnections_silencesThem_newOnesWork() throws IOException {
    try (RespClient old = client(Duration.ofMillis(300))) {
      assertThat(old.command("PING")).isEqualTo("PONG");
      proxy.forgetOpenConnections();
      assertThatThrownBy(() -> old.command("SET", "forgotten", "1"))
          .isInstanceOf(SocketTimeoutException.class);
      try (RespClient fresh = client(Duration.ofSeconds(2))) {
        assertThat(fresh.command("PING")).isEqualTo("PONG");
      }
    }
    assertThat(redis.server().command("EXISTS", "forgotten")).isEqualTo(0L);
  }

  @Test
  void withholdReplies_deliversRequests_swallowsReplies() throws IOException {
    try (RespClient client = client(Duration.ofMillis(300))) {
      assertThat(client.command("PING")).isEqualTo("PONG");
      proxy.withholdReplies();
      assertThatThrownBy(() -> client.command("SET", "withheld", "1"))
          .isInstanceOf(SocketTimeoutException.class);
    }
    assertThat(redis.server().command("GET", "withheld")).isEqualTo("1");
    proxy.passThrough();
    try (RespClient client = client(Duration.ofSeconds(2))) {
      assertThat(client.command("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void slices_deliverRepliesInOneBytePieces_intact() throws IOException {
    String value = "x".repeat(300);
    proxy.slices(1);
    try (RespClient client = client(Duration.ofSeconds(5))) {
      assertThat(client.command("SET", "sliced", value)).isEqualTo("OK");
      assertThat(client.command("GET", "sliced")).isEqualTo(value);
    }
  }

  @Test
  void cutRequestsAfter_resetsMidRequest_serverDiscardsThePartialCommand() throws IOException {
    try (RespClient client = client(Duration.ofSeconds(2))) {
      assertThat(client.command("PING")).isEqualTo("PONG");
      assertThat(proxy.openConnections()).isEqualTo(1);
      proxy.cutRequestsAfter(10); // "*3\r\n$3\r\nSET" is 13 bytes: cut inside the command
      assertThatThrownBy(() -> client.command("SET", "cut", "1")).isInstanceOf(IOException.class);
    }
    Waits.until(
        "the proxy closes the cut pair", Duration.ofSeconds(2), () -> proxy.openConnections() == 0);
    assertThat(redis.server().command("EXISTS", "cut")).isEqualTo(0L);
    try (RespClient client = client(Duration.ofSeconds(2))) {
      assertThat(client.command("SET", "cut", "2")).isEqualTo("OK");
    }
  }

  @Test
  void corruptNextReply_garblesOneReplyOnly() throws IOException {
    try (RespClient client = client(Duration.ofSeconds(2))) {
      proxy.corruptNextReply();
      assertThatThrownBy(() -> client.command("PING")).isInstanceOf(IOException.class);
    }
    try (RespClient client = client(Duration.ofSeconds(2))) {
      assertThat(client.command("PING")).isEqualTo("PONG");
    }
  }
}
