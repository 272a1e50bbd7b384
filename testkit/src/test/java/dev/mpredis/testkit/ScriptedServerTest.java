package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptedServerTest {

  @Test
  void silent_acceptsAndNeverAnswers_seesTheClientClose() throws IOException {
    try (ScriptedServer server = ScriptedServer.silent()) {
      try (RespClient client =
          RespClient.connect("127.0.0.1", server.port(), Duration.ofMillis(200))) {
        assertThatThrownBy(() -> client.command("PING")).isInstanceOf(SocketTimeoutException.class);
        assertThat(server.acceptedConnections()).isEqualTo(1);
        assertThat(server.openConnections()).isEqualTo(1);
      }
      Waits.until(
          "the server sees the client close",
          Duration.ofSeconds(2),
          () -> server.connectionsClosedByClient() == 1 && server.openConnections() == 0);
    }
  }

  @Test
  void replying_sendsTheScriptedBytes_thenCloses() throws IOException {
    try (ScriptedServer server = ScriptedServer.replying("+FAKE\r\n", true);
        RespClient client = RespClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(2))) {
      assertThat(client.command("PING")).isEqualTo("FAKE");
      assertThatThrownBy(() -> client.command("PING")).isInstanceOf(IOException.class);
    }
  }

  @Test
  void replying_withGarbage_isNotRedis() throws IOException {
    try (ScriptedServer server =
            ScriptedServer.replying("HTTP/1.1 400 Bad Request\r\n\r\n", false);
        RespClient client = RespClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(2))) {
      assertThatThrownBy(() -> client.command("PING"))
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(EOFException.class)
          .hasMessageContaining("unexpected RESP type byte 'H'");
    }
  }

  @Test
  void replying_rejectsAnEmptyScript() {
    assertThatThrownBy(() -> ScriptedServer.replying("", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reply was empty");
  }
}
