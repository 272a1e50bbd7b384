package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.Outcome;
import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every exit of {@code send-command}, and the shapes of its replies, against a real server. */
@Tag("server")
class SendCommandTest {

  @RegisterExtension
  static final RedisExtension redis =
      RedisExtension.server(b -> b.user(AclUser.readOnly("reader", "reader-pw")));

  static Manager manager;
  static Connection connection;

  @BeforeAll
  static void connect() {
    manager = Redis.createManager(redis.server().uri()).orThrow();
    connection = Redis.getConnection(manager).orThrow();
  }

  @AfterAll
  static void destroy() {
    Redis.destroyManager(manager).orThrow();
  }

  static Object reply(SendCommand.Result result) {
    assertThat(result).isInstanceOf(SendCommand.Success.class);
    return ((SendCommand.Success) result).reply();
  }

  static MachineError failed(SendCommand.Result result, RedisErrorCode code) {
    assertThat(result).isInstanceOf(SendCommand.Failed.class);
    MachineError error = ((SendCommand.Failed) result).error();
    assertThat(error.code()).as(error.toString()).isEqualTo(code);
    return error;
  }

  @Test
  void sendCommand_strings_numbers_null() throws IOException {
    assertThat(reply(Redis.sendCommand(connection, "SET", "sc:n", 41))).isEqualTo("OK");
    assertThat(reply(Redis.sendCommand(connection, "incr", "sc:n"))).isEqualTo(42L);
    assertThat(reply(Redis.sendCommand(connection, "GET", "sc:n"))).isEqualTo("42");
    assertThat(reply(Redis.sendCommand(connection, "GET", "sc:missing"))).isNull();
    assertThat(reply(Redis.sendCommand(connection, "SET", "sc:f", 1.5))).isEqualTo("OK");
    assertThat(redis.server().command("GET", "sc:f")).isEqualTo("1.5");
    assertThat(reply(Redis.sendCommand(connection, "PING"))).isEqualTo("PONG");
  }

  @Test
  void sendCommand_resp3_mapsSetsDoublesBooleansVerbatim() {
    Redis.sendCommand(connection, "HSET", "sc:h", "a", "1", "b", "2");
    Redis.sendCommand(connection, "SADD", "sc:s", "x", "y");
    Redis.sendCommand(connection, "ZADD", "sc:z", "2.5", "m");
    assertThat(reply(Redis.sendCommand(connection, "HGETALL", "sc:h")))
        .isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(reply(Redis.sendCommand(connection, "SMEMBERS", "sc:s")))
        .isEqualTo(Set.of("x", "y"));
    assertThat(reply(Redis.sendCommand(connection, "ZSCORE", "sc:z", "m"))).isEqualTo(2.5);
    assertThat(reply(Redis.sendCommand(connection, "EVAL", "redis.setresp(3); return true", 0)))
        .isEqualTo(true);
    assertThat((String) reply(Redis.sendCommand(connection, "INFO", "server")))
        .startsWith("# Server"); // a verbatim string under RESP3, without its txt: prefix
    assertThat(reply(Redis.sendCommand(connection, "LRANGE", "sc:none", 0, -1)))
        .isEqualTo(List.of());
  }

  @Test
  void sendCommand_resp2_mapsComeAsLists() {
    try (Manager resp2 = Redis.createManager(redis.server().uri() + "?protocol=2").orThrow();
        Connection c = Redis.getConnection(resp2).orThrow()) {
      Redis.sendCommand(c, "HSET", "sc:h2", "a", "1");
      assertThat(reply(Redis.sendCommand(c, "HGETALL", "sc:h2"))).isEqualTo(List.of("a", "1"));
    }
  }

  @Test
  void sendCommand_binaryReply_isBase64Map() {
    assertThat(reply(Redis.sendCommand(connection, "EVAL", "return string.char(255, 0, 200)", 0)))
        .isEqualTo(Map.of("base64", "/wDI"));
  }

  @Test
  void sendCommand_doesNotApplyTheNamespace() throws IOException {
    try (Manager spaced = Redis.createManager(redis.server().uri() + "?namespace=app").orThrow();
        Connection c = Redis.getConnection(spaced).orThrow()) {
      Redis.sendCommand(c, "SET", "sc:raw", "v");
      assertThat(redis.server().command("GET", "sc:raw")).isEqualTo("v");
    }
  }

  @Test
  void sendCommand_serverErrors_exitFailedClassified() {
    Redis.sendCommand(connection, "SET", "sc:str", "v");
    MachineError wrongType =
        failed(Redis.sendCommand(connection, "LPUSH", "sc:str", "x"), RedisErrorCode.WRONG_TYPE);
    assertThat(wrongType.message()).contains("send-command LPUSH").contains("WRONGTYPE");
    failed(
        Redis.sendCommand(connection, "EVALSHA", "0123456789012345678901234567890123456789", 0),
        RedisErrorCode.NO_SCRIPT);
    assertThat(
            failed(Redis.sendCommand(connection, "NOSUCHCOMMAND"), RedisErrorCode.SERVER_ERROR)
                .message())
        .contains("unknown command");
    try (Manager reader =
            Redis.createManager(
                    "redis://reader:reader-pw@"
                        + redis.server().host()
                        + ":"
                        + redis.server().port())
                .orThrow();
        Connection c = Redis.getConnection(reader).orThrow()) {
      failed(Redis.sendCommand(c, "SET", "sc:denied", "v"), RedisErrorCode.NO_PERMISSION);
    }
  }

  @Test
  void sendCommand_stateCommandsOnSharedLease_areRefusedNamingThem() {
    for (List<String> command :
        List.of(
            List.of("MULTI"),
            List.of("BLPOP", "sc:q", "1"),
            List.of("client", "tracking", "on"),
            List.of("SELECT", "1"),
            List.of("XREAD", "BLOCK", "10", "STREAMS", "sc:x", "$"))) {
      MachineError error =
          failed(
              Redis.sendCommand(
                  connection, command.get(0), command.subList(1, command.size()).toArray()),
              RedisErrorCode.DEDICATED_CONNECTION_REQUIRED);
      assertThat(error.message()).contains("send-command " + command.get(0).toUpperCase());
    }
    assertThat(reply(Redis.sendCommand(connection, "XREAD", "STREAMS", "sc:x", "0"))).isNull();
  }

  @Test
  void sendCommand_transactionOnDedicatedLease() throws IOException {
    try (Connection d = Redis.getDedicatedConnection(manager, Duration.ofSeconds(5)).orThrow()) {
      assertThat(reply(Redis.sendCommand(d, "MULTI"))).isEqualTo("OK");
      assertThat(reply(Redis.sendCommand(d, "SET", "sc:tx", "1"))).isEqualTo("QUEUED");
      assertThat(reply(Redis.sendCommand(d, "INCR", "sc:tx"))).isEqualTo("QUEUED");
      assertThat(reply(Redis.sendCommand(d, "LPUSH", "sc:tx", "x"))).isEqualTo("QUEUED");
      assertThat(reply(Redis.sendCommand(d, "EXEC")))
          .asList()
          .hasSize(3)
          .startsWith("OK", 2L)
          .element(2)
          .asString()
          .contains("WRONGTYPE");
      assertThat(reply(Redis.sendCommand(d, "WATCH", "sc:tx"))).isEqualTo("OK");
      redis.server().command("SET", "sc:tx", "changed");
      Redis.sendCommand(d, "MULTI");
      Redis.sendCommand(d, "SET", "sc:tx", "mine");
      assertThat(reply(Redis.sendCommand(d, "EXEC"))).isNull();
      assertThat(redis.server().command("GET", "sc:tx")).isEqualTo("changed");
      Redis.sendCommand(d, "MULTI");
      Redis.sendCommand(d, "SET", "sc:tx", "dropped");
      assertThat(reply(Redis.sendCommand(d, "DISCARD"))).isEqualTo("OK");
      assertThat(reply(Redis.sendCommand(d, "GET", "sc:tx"))).isEqualTo("changed");
      // a command the server refuses to queue: its reply is held, and EXEC is aborted
      Redis.sendCommand(d, "MULTI");
      assertThat(reply(Redis.sendCommand(d, "NOSUCHCOMMAND"))).isEqualTo("QUEUED");
      Redis.sendCommand(d, "SET", "sc:tx", "aborted");
      assertThat(failed(Redis.sendCommand(d, "EXEC"), RedisErrorCode.SERVER_ERROR).message())
          .contains("EXECABORT");
      assertThat(reply(Redis.sendCommand(d, "GET", "sc:tx"))).isEqualTo("changed");
    }
  }

  @Test
  void sendCommand_blockingPopOnDedicatedLease_withinTheCommandTimeout() {
    try (Connection d = Redis.getDedicatedConnection(manager, Duration.ofSeconds(5)).orThrow()) {
      assertThat(reply(Redis.sendCommand(d, "BLPOP", "sc:q", "0.2"))).isNull();
      Redis.sendCommand(connection, "RPUSH", "sc:q", "job");
      assertThat(reply(Redis.sendCommand(d, "BLPOP", "sc:q", 1))).isEqualTo(List.of("sc:q", "job"));
      assertThat(reply(Redis.sendCommand(d, "PING"))).isEqualTo("PONG");
    }
  }

  @Test
  void sendCommand_blockingLongerThanTheCommandTimeout_hasATimeoutOfItsOwn() {
    try (Manager quick =
            Redis.createManager(redis.server().uri() + "?commandTimeout=300").orThrow();
        Connection d = Redis.getDedicatedConnection(quick, Duration.ofSeconds(5)).orThrow()) {
      assertThat(reply(Redis.sendCommand(d, "BLPOP", "sc:never", "0.8"))).isNull();
      assertThat(reply(Redis.sendCommand(d, "XREAD", "BLOCK", 700, "STREAMS", "sc:xs", "$")))
          .isNull();
    }
  }

  @Test
  void sendCommand_blockingForEver_exitsErrorAtTheCommandTimeoutAndTheLinkRecovers() {
    try (Manager quick =
            Redis.createManager(redis.server().uri() + "?commandTimeout=300").orThrow();
        Connection d = Redis.getDedicatedConnection(quick, Duration.ofSeconds(5)).orThrow()) {
      SendCommand.Result result = Redis.sendCommand(d, "BLPOP", "sc:never", 0);
      assertThat(result).isInstanceOf(SendCommand.Error.class);
      assertThat(((SendCommand.Error) result).error().code())
          .isEqualTo(RedisErrorCode.COMMAND_TIMEOUT);
      // the timeout reset the link, which is re-opened at once
      Waits.until(
          "the dedicated link answers again",
          Duration.ofSeconds(10),
          () -> Redis.sendCommand(d, "PING") instanceof SendCommand.Success);
    }
  }

  @Test
  void sendCommand_linkTakingCommands_areNeverSent() {
    try (Connection d = Redis.getDedicatedConnection(manager, Duration.ofSeconds(5)).orThrow()) {
      SendCommand.Result result = Redis.sendCommand(d, "SUBSCRIBE", "news");
      assertThat(result).isInstanceOf(SendCommand.Error.class);
      MachineError error = ((SendCommand.Error) result).error();
      assertThat(error.code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
      assertThat(error.message()).contains("SUBSCRIBE");
      assertThat(reply(Redis.sendCommand(d, "PING"))).isEqualTo("PONG");
    }
  }

  @Test
  void sendCommand_badInputs_exitError() {
    for (SendCommand.Result result :
        List.of(
            Redis.sendCommand(connection, "CLIENT LIST"),
            Redis.sendCommand(connection, null),
            Redis.sendCommand(connection, "SET", "k", Map.of()),
            Redis.sendCommand(connection, "SET", "k", Double.NaN))) {
      assertThat(result).isInstanceOf(SendCommand.Error.class);
      assertThat(((SendCommand.Error) result).error().code())
          .isEqualTo(RedisErrorCode.INVALID_INPUT);
    }
  }

  @Test
  void sendCommand_releasedConnection_exitsBadConnection() {
    Connection released = Redis.getConnection(manager).orThrow();
    Redis.releaseConnection(released).orThrow();
    SendCommand.Result result = Redis.sendCommand(released, "PING");
    assertThat(result).isInstanceOf(SendCommand.BadConnection.class);
    assertThat(((SendCommand.BadConnection) result).error().code())
        .isEqualTo(RedisErrorCode.CONNECTION_RELEASED);
  }

  @Test
  void run_byIdentity_givesTheReplyAsAReport() {
    Outcome set =
        Redis.PACK
            .machine("send-command")
            .run(Map.of("connection", connection, "command", "SET", "args", List.of("sc:d", 7)));
    assertThat(set.exitName()).isEqualTo("success");
    assertThat(set.output()).isEqualTo(Map.of("reply", "OK"));
    Outcome wrong =
        Redis.PACK
            .machine("send-command")
            .run(Map.of("connection", connection, "command", "HGET", "args", List.of("sc:d", "f")));
    assertThat(wrong.exitName()).isEqualTo("failed");
    assertThat(wrong.error().orElseThrow().code()).isEqualTo(RedisErrorCode.WRONG_TYPE);
  }
}
