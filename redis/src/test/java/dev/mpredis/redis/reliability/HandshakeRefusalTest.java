package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.GetConnection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RespClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that refuses a client says why, every time (F5, F6, F8): the refusal is classified with
 * the server's own text, also when the server hangs up right after it, and also under CPU load,
 * where Lettuce's handshake can lose the answer to the channel's close.
 */
@Tag("server")
class HandshakeRefusalTest {

  static final String PASSWORD = "hand-shake-pw";
  static final int ATTEMPTS = 150;

  @RegisterExtension
  static final RedisExtension redis = RedisExtension.server(b -> b.password(PASSWORD));

  @Test
  void f6_wrongPassword_everyAttempt_isBadPassword() {
    assertEveryAttempt(
        "redis://:wrong-password@127.0.0.1:" + redis.server().port(), RedisErrorCode.BAD_PASSWORD);
  }

  @Test
  void f6_noPassword_everyAttempt_isPasswordRequired() {
    assertEveryAttempt(
        "redis://127.0.0.1:" + redis.server().port(), RedisErrorCode.PASSWORD_REQUIRED);
  }

  @Test
  void f5_protectedMode_refusalBeforeAnyCommand_isProtectedModeWithTheServersText()
      throws Exception {
    String denied =
        "DENIED Redis is running in protected mode because protected mode is enabled and no"
            + " password is set for the default user.";
    try (RefusingServer server = new RefusingServer(denied)) {
      MachineError error = failure("redis://127.0.0.1:" + server.port(), 5000);
      assertThat(error.code()).isEqualTo(RedisErrorCode.PROTECTED_MODE);
      assertThat(error.message()).contains("protected mode is enabled");
    }
  }

  @Test
  void f8_maxClients_refusal_isServerFull_andTheNextConnectWorksOnceThereIsRoom()
      throws IOException {
    String url = "redis://:" + PASSWORD + "@127.0.0.1:" + redis.server().port();
    try (RespClient held =
        RespClient.connect("127.0.0.1", redis.server().port(), Duration.ofSeconds(2))) {
      held.command("AUTH", PASSWORD);
      held.command("CONFIG", "SET", "maxclients", "1");
      try {
        MachineError error = failure(url, 5000);
        assertThat(error.code()).isEqualTo(RedisErrorCode.SERVER_FULL);
        assertThat(error.message()).contains("max number of clients reached");
      } finally {
        held.command("CONFIG", "SET", "maxclients", "10000");
      }
    }
    try (Manager manager = Redis.createManager(url).orThrow()) {
      assertThat(Redis.getConnection(manager, Duration.ofMillis(2000)))
          .isInstanceOf(GetConnection.Success.class);
    }
  }

  private static void assertEveryAttempt(String url, RedisErrorCode expected) {
    Map<String, Integer> codes = new TreeMap<>();
    for (int i = 0; i < ATTEMPTS; i++) {
      codes.merge(failure(url, 5000).code().toString(), 1, Integer::sum);
    }
    assertThat(codes).isEqualTo(Map.of(expected.toString(), ATTEMPTS));
  }

  /** The error of a get-connection on a new manager, within the timeout + 1 s. */
  private static MachineError failure(String url, long timeoutMillis) {
    try (Manager manager = Redis.createManager(url).orThrow()) {
      long start = System.nanoTime();
      GetConnection.Result result = Redis.getConnection(manager, Duration.ofMillis(timeoutMillis));
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
          .isLessThan(timeoutMillis + 1000);
      assertThat(result).isInstanceOf(GetConnection.Failed.class);
      return ((GetConnection.Failed) result).error();
    }
  }

  /** Answers every client with one error line and hangs up, as Redis does before any command. */
  private static final class RefusingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread acceptor;

    RefusingServer(String error) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket client = socket.accept()) {
                    OutputStream out = client.getOutputStream();
                    out.write(("-" + error + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                  } catch (IOException e) {
                    return; // closed
                  }
                }
              },
              "refusing-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      acceptor.join(2000);
    }
  }
}
