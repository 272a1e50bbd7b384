package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.Connection;
import dev.mpredis.redis.GetConnection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.testkit.FaultProxy;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.RedisServer;
import dev.mpredis.testkit.RespClient;
import dev.mpredis.testkit.ScriptedServer;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults met while connecting (RELIABILITY.md §3 F1–F4, F6): nothing listens, unknown host, a peer
 * that never speaks, a peer that is not Redis, wrong or missing password. Each {@code
 * get-connection} exits {@code failed} with its code within its timeout + 1 s, and the same manager
 * connects once the fault is gone.
 */
@Tag("server")
class ConnectFaultsTest {

  static final long TIMEOUT = 500;
  static final String OPTIONS = "?commandTimeout=" + TIMEOUT + "&connectTimeout=" + TIMEOUT;
  static final String SECRET = "Canary-c0nnect-Secr3t";

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  @BeforeAll
  static void warmUp() {
    Call.warmUp(redis.server().uri());
  }

  @Test
  void f1_nothingListens_refusedAtOnce_thenSameManagerConnectsWhenServerStarts() {
    RedisServer server = redis.server();
    try (Manager manager = Redis.createManager(server.uri() + OPTIONS).orThrow()) {
      server.stop();
      try {
        Call<GetConnection.Result> refused =
            Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(5_000)));
        refused.ended("failed", RedisErrorCode.CONNECTION_REFUSED).within(0);
        // No cached verdict: the next call tries again, and is as fast.
        Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(5_000)))
            .ended("failed", RedisErrorCode.CONNECTION_REFUSED)
            .within(0);
      } finally {
        server.restart();
      }
      Connection connection =
          Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(5_000)))
              .succeeded()
              .exit()
              .orThrow();
      Call.of(() -> Redis.cacheValue(connection, "f1", "back")).succeeded().within(TIMEOUT);
    }
  }

  @Test
  void f2_unknownHost_classifiedWithinTheConnectTimeout() {
    long connectTimeout = 2_000; // NXDOMAIN can take ~1.5 s; the bound is the timeout, not DNS luck
    try (Manager manager =
        Redis.createManager(
                "redis://mp-redis-f2.invalid:6379?connectTimeout="
                    + connectTimeout
                    + "&commandTimeout="
                    + connectTimeout)
            .orThrow()) {
      Call<GetConnection.Result> call =
          Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(10_000)));
      call.ended("failed", RedisErrorCode.UNKNOWN_HOST).within(connectTimeout);
      assertThat(call.message()).contains("mp-redis-f2.invalid");
    }
  }

  @Test
  void f3_peerAcceptsButNeverSpeaks_connectTimeout_socketClosed_thenSameManagerConnects() {
    try (FaultProxy proxy = FaultProxy.start(redis.server().host(), redis.server().port());
        Manager manager = Redis.createManager(proxy.uri() + OPTIONS).orThrow()) {
      proxy.blackhole(); // TCP completes, the handshake gets no answer
      Call<GetConnection.Result> call =
          Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(10_000)));
      call.ended("failed", RedisErrorCode.CONNECT_TIMEOUT).within(TIMEOUT);
      Waits.until(
          "the client closes the hung socket",
          Duration.ofSeconds(2),
          () -> proxy.openConnections() == 0);

      proxy.passThrough();
      Connection connection =
          Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(5_000)))
              .succeeded()
              .within(TIMEOUT)
              .exit()
              .orThrow();
      Call.of(() -> Redis.cacheValue(connection, "f3", 1)).succeeded().within(TIMEOUT);
    }
  }

  @Test
  void f3_silentPeer_getConnectionTimeoutShorterThanTheHandshake_boundsTheCall() {
    try (ScriptedServer silent = ScriptedServer.silent();
        Manager manager =
            Redis.createManager(silent.uri() + "?commandTimeout=5000&connectTimeout=5000")
                .orThrow()) {
      Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(300)))
          .ended("failed", RedisErrorCode.CONNECT_TIMEOUT)
          .within(300);
    }
  }

  @Test
  void f4_peerIsAnHttpServer_protocolError_notARedisServer() {
    try (ScriptedServer http =
            ScriptedServer.replying(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                true);
        Manager manager = Redis.createManager(http.uri() + OPTIONS).orThrow()) {
      Call<GetConnection.Result> call =
          Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(5_000)));
      call.ended("failed", RedisErrorCode.PROTOCOL_ERROR).within(TIMEOUT);
      assertThat(call.message()).contains("not a Redis server").contains("HTTP/1.1 400");
    }
  }

  @Test
  void f4_peerSendsGarbageAndStaysOpen_protocolError_connectionClosed() {
    try (ScriptedServer garbage =
            ScriptedServer.replying(new byte[] {7, 0, (byte) 0xff, 42}, false);
        Manager manager = Redis.createManager(garbage.uri() + OPTIONS).orThrow()) {
      Call<GetConnection.Result> call =
          Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(5_000)));
      call.ended("failed", RedisErrorCode.PROTOCOL_ERROR).within(TIMEOUT);
      assertThat(call.message()).contains("not a Redis server");
      Waits.until(
          "the client closes the connection",
          Duration.ofSeconds(2),
          () -> garbage.openConnections() == 0);
    }
  }

  @Test
  void f6_wrongPasswordVsNoPassword_toldApart_secretNeverShown_thenSameManagerWorks()
      throws IOException {
    try (RedisServer server = RedisServer.builder().password(SECRET).start();
        Manager none = Redis.createManager(server.uri() + OPTIONS).orThrow();
        Manager wrong =
            Redis.createManager(
                    "redis://:Wrong-" + SECRET + "@127.0.0.1:" + server.port() + OPTIONS)
                .orThrow()) {
      Call<GetConnection.Result> noPassword =
          Call.of(() -> Redis.getConnection(none, Duration.ofMillis(5_000)));
      noPassword.ended("failed", RedisErrorCode.PASSWORD_REQUIRED).within(TIMEOUT);
      Call<GetConnection.Result> badPassword =
          Call.of(() -> Redis.getConnection(wrong, Duration.ofMillis(5_000)));
      badPassword.ended("failed", RedisErrorCode.BAD_PASSWORD).within(TIMEOUT);
      assertThat(badPassword.message() + badPassword.exit()).doesNotContain(SECRET);

      // The server adopts the password the manager has: the same manager now connects.
      server.command("CONFIG", "SET", "requirepass", "Wrong-" + SECRET);
      Connection connection =
          Call.of(() -> Redis.getConnection(wrong, Duration.ofMillis(5_000)))
              .succeeded()
              .within(TIMEOUT)
              .exit()
              .orThrow();
      Call.of(() -> Redis.cacheValue(connection, "f6", "in")).succeeded().within(TIMEOUT);
      try (RespClient admin =
          RespClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(2))) {
        assertThat(admin.command("AUTH", "Wrong-" + SECRET)).isEqualTo("OK");
        assertThat(admin.command("GET", "f6")).isEqualTo("\"in\"");
      }
    }
  }
}
