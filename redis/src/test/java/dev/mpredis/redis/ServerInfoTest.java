package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mpredis.machine.Outcome;
import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every exit of {@code server-info}, and each mode and role, against real servers. */
@Tag("server")
class ServerInfoTest {

  @RegisterExtension
  static final RedisExtension redis =
      RedisExtension.server(b -> b.user(AclUser.readOnly("reader", "reader-pw")));

  @RegisterExtension static final RedisExtension replica = RedisExtension.of(RedisKind.STANDALONE);

  @RegisterExtension
  static final RedisExtension clusterNode =
      RedisExtension.server(b -> b.directive("cluster-enabled", "yes"));

  @Test
  void serverInfo_success_standaloneMaster() {
    withConnection(
        redis.server().uri(),
        c ->
            assertThat(Redis.serverInfo(c))
                .isInstanceOfSatisfying(
                    ServerInfo.Success.class,
                    s ->
                        assertThat(s.server())
                            .isEqualTo(
                                new ServerDescription(
                                    redis.server().binary().version(),
                                    ServerDescription.Mode.STANDALONE,
                                    ServerDescription.Role.MASTER))));
  }

  @Test
  void serverInfo_success_replica() throws IOException {
    replica.server().command("REPLICAOF", redis.server().host(), "" + redis.server().port());
    try {
      withConnection(
          replica.server().uri(),
          c ->
              assertThat(Redis.serverInfo(c))
                  .isInstanceOfSatisfying(
                      ServerInfo.Success.class,
                      s ->
                          assertThat(s.server().role()).isEqualTo(ServerDescription.Role.REPLICA)));
    } finally {
      replica.server().command("REPLICAOF", "NO", "ONE");
    }
  }

  @Test
  void serverInfo_success_clusterNode() {
    withConnection(
        clusterNode.server().uri(),
        c ->
            assertThat(Redis.serverInfo(c))
                .isInstanceOfSatisfying(
                    ServerInfo.Success.class,
                    s -> {
                      assertThat(s.server().mode()).isEqualTo(ServerDescription.Mode.CLUSTER);
                      assertThat(s.server().role()).isEqualTo(ServerDescription.Role.MASTER);
                    }));
  }

  @Test
  void serverInfo_success_byIdentity_outputIsJsonWithLowerCaseNames()
      throws JsonProcessingException {
    try (Manager manager = Redis.createManager(redis.server().uri()).orThrow();
        Connection c = Redis.getConnection(manager).orThrow()) {
      Outcome outcome = Redis.PACK.machine("server-info").run(Map.of("connection", c));
      assertThat(outcome.exitName()).isEqualTo("success");
      assertThat(Values.jsonMapper().writeValueAsString(outcome.output()))
          .isEqualTo(
              "{\"version\":\""
                  + redis.server().binary().version()
                  + "\",\"mode\":\"standalone\",\"role\":\"master\"}");
    }
  }

  @Test
  void serverInfo_badConnection_released() {
    try (Manager manager = Redis.createManager(redis.server().uri()).orThrow()) {
      Connection c = Redis.getConnection(manager).orThrow();
      Redis.releaseConnection(c).orThrow();
      assertThat(Redis.serverInfo(c))
          .isInstanceOfSatisfying(
              ServerInfo.BadConnection.class,
              b -> assertThat(b.error().code()).isEqualTo(RedisErrorCode.CONNECTION_RELEASED));
    }
  }

  @Test
  void serverInfo_badConnection_managerDestroyed() {
    Manager manager = Redis.createManager(redis.server().uri()).orThrow();
    Connection c = Redis.getConnection(manager).orThrow();
    Redis.destroyManager(manager).orThrow();
    assertThat(Redis.serverInfo(c)).isInstanceOf(ServerInfo.BadConnection.class);
  }

  @Test
  void serverInfo_error_userWithoutInfo_noPermission() {
    String uri = "redis://reader:reader-pw@" + redis.server().host() + ":" + redis.server().port();
    withConnection(
        uri,
        c ->
            assertThat(Redis.serverInfo(c))
                .isInstanceOfSatisfying(
                    ServerInfo.Error.class,
                    e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.NO_PERMISSION)));
  }

  @Test
  void serverInfo_error_noConnection_invalidInput() {
    assertThat(Redis.serverInfo(null))
        .isInstanceOfSatisfying(
            ServerInfo.Error.class,
            e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.INVALID_INPUT));
  }

  @Test
  void describe_unknownModeOrMissingField_error() {
    String server = "redis_version:9.9.9\r\nredis_mode:galaxy\r\n";
    assertThat(ServerInfo.describe(server, "role:master\r\n"))
        .isInstanceOfSatisfying(
            ServerInfo.Error.class,
            e -> assertThat(e.error().message()).contains("redis_mode:galaxy"));
    assertThat(ServerInfo.describe("redis_version:9.9.9\r\nredis_mode:standalone\r\n", ""))
        .isInstanceOfSatisfying(
            ServerInfo.Error.class, e -> assertThat(e.error().message()).endsWith("role"));
  }

  private static void withConnection(String uri, Consumer<Connection> test) {
    try (Manager manager = Redis.createManager(uri).orThrow();
        Connection c = Redis.getConnection(manager).orThrow()) {
      test.accept(c);
    }
  }
}
