package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("server")
class RedisServerTest {

  @Test
  void start_plainServer_answersPingAndReportsVersion() throws IOException {
    try (RedisServer server = RedisServer.startPlain()) {
      assertThat(server.command("PING")).isEqualTo("PONG");
      assertThat(server.uri()).isEqualTo("redis://127.0.0.1:" + server.port());
      String info = (String) server.command("INFO", "server");
      assertThat(info).contains("redis_version:" + server.binary().version());
      assertThat(server.command("CONFIG", "GET", "save").toString()).contains("[save, ]");
    }
  }

  @Test
  void close_killsProcessAndDeletesDirectory() {
    RedisServer server = RedisServer.startPlain();
    long pid = server.pid();
    Path directory = server.directory();
    assertThat(Files.isDirectory(directory)).isTrue();

    server.close();
    server.close(); // idempotent

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
    assertThat(Files.exists(directory)).isFalse();
    assertThatThrownBy(server::pid)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void restart_keepsPortAndLosesDataWithoutPersistence() throws IOException {
    try (RedisServer server = RedisServer.startPlain()) {
      int port = server.port();
      server.command("SET", "k", "v");
      server.restart();
      assertThat(server.port()).isEqualTo(port);
      assertThat(server.command("GET", "k")).isNull();
    }
  }

  @Test
  void kill_thenRestart_keepsAcknowledgedWritesWithAppendOnly() throws IOException {
    try (RedisServer server = RedisServer.builder().appendOnly(true).start()) {
      server.command("SET", "k", "v");
      server.kill();
      assertThat(server.isRunning()).isFalse();
      assertThatThrownBy(() -> server.command("PING")).isInstanceOf(ConnectException.class);

      server.restart();
      assertThat(server.command("GET", "k")).isEqualTo("v");
    }
  }

  @Test
  void stop_endsProcessGracefully() {
    try (RedisServer server = RedisServer.startPlain()) {
      server.stop();
      assertThat(server.isRunning()).isFalse();
      assertThat(server.log()).contains("ready to exit");
    }
  }

  @Test
  void pause_makesClientsTimeOut_resumeAnswersAgain() throws IOException {
    try (RedisServer server = RedisServer.startPlain()) {
      server.pause();
      try (RespClient client =
          RespClient.connect(server.host(), server.port(), Duration.ofMillis(300))) {
        assertThatThrownBy(() -> client.command("PING")).isInstanceOf(SocketTimeoutException.class);
      } finally {
        server.resume();
      }
      assertThat(server.command("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void password_requiredForOthers_usedByAdminCommands() throws IOException {
    try (RedisServer server = RedisServer.builder().password("p@ss \"word\"").start()) {
      assertThat(server.command("PING")).isEqualTo("PONG");
      try (RespClient client =
          RespClient.connect(server.host(), server.port(), Duration.ofSeconds(2))) {
        assertThatThrownBy(() -> client.command("GET", "k"))
            .isInstanceOfSatisfying(
                RespErrorException.class, e -> assertThat(e.prefix()).isEqualTo("NOAUTH"));
        assertThatThrownBy(() -> client.command("AUTH", "wrong"))
            .isInstanceOfSatisfying(
                RespErrorException.class, e -> assertThat(e.prefix()).isEqualTo("WRONGPASS"));
        assertThat(client.command("AUTH", "p@ss \"word\"")).isEqualTo("OK");
      }
    }
  }

  @Test
  void aclUsers_fullReadOnlyAndKeyPattern() throws IOException {
    try (RedisServer server =
        RedisServer.builder()
            .user(AclUser.full("admin", "a-pw"))
            .user(AclUser.readOnly("reader", "r-pw"))
            .user(AclUser.keyPattern("app", "k-pw", "app:*"))
            .start()) {
      assertThat(asUser(server, "admin", "a-pw", "SET", "x", "1")).isEqualTo("OK");
      assertThat(asUser(server, "reader", "r-pw", "GET", "x")).isEqualTo("1");
      assertThatThrownBy(() -> asUser(server, "reader", "r-pw", "SET", "x", "2"))
          .isInstanceOfSatisfying(
              RespErrorException.class, e -> assertThat(e.prefix()).isEqualTo("NOPERM"));
      assertThat(asUser(server, "app", "k-pw", "SET", "app:1", "v")).isEqualTo("OK");
      assertThatThrownBy(() -> asUser(server, "app", "k-pw", "SET", "other", "v"))
          .isInstanceOfSatisfying(
              RespErrorException.class, e -> assertThat(e.prefix()).isEqualTo("NOPERM"));
      assertThat(server.users())
          .extracting(AclUser::name)
          .containsExactly("admin", "reader", "app");
      assertThat(server.users().get(0).toString()).doesNotContain("a-pw");
    }
  }

  private static Object asUser(RedisServer server, String user, String password, String... command)
      throws IOException {
    try (RespClient client =
        RespClient.connect(server.host(), server.port(), Duration.ofSeconds(2))) {
      client.command("AUTH", user, password);
      return client.command(command);
    }
  }

  @Test
  void start_badDirective_failsWithTheServerLog() {
    assertThatThrownBy(() -> RedisServer.builder().directive("no-such-directive", "1").start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited")
        .hasMessageContaining("no-such-directive");
  }
}
