package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("server")
class UnixSocketServerTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.SOCKET);

  @Test
  void ping_throughLettuceSocketUri_succeeds() {
    Path socket = redis.server().socketPath().orElseThrow();
    RedisClient client = RedisClient.create();
    try (StatefulRedisConnection<String, String> connection =
        client.connect(RedisURI.create(redis.server().uri()))) {
      assertThat(connection.sync().ping()).isEqualTo("PONG");
      assertThat(connection.sync().configGet("unixsocket")).containsValue(socket.toString());
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Test
  void socket_isOwnerOnlyAndNoTcpPortIsOpen() throws IOException {
    RedisServer server = redis.server();
    Path socket = server.socketPath().orElseThrow();
    assertThat(server.uri()).isEqualTo("redis-socket://" + socket);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
        .isEqualTo("rwx------");
    assertThat(server.command("CONFIG", "GET", "port").toString()).contains("[port, 0]");
    assertThat(server.endpoints().addresses()).isEmpty();
    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void restart_listensOnTheSameSocket() throws IOException {
    try (RedisServer server = RedisServer.builder().unixSocket().start()) {
      server.command("SET", "k", "v");
      server.restart();
      try (RespClient client =
          RespClient.connect(server.socketPath().orElseThrow(), Duration.ofSeconds(2))) {
        assertThat(client.command("PING")).isEqualTo("PONG");
        assertThat(client.command("GET", "k")).isNull();
      }
    }
  }
}
