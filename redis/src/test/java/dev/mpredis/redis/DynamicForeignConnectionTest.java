package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.InputSpec;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.Outcome;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The original's duck-typing, through the dynamic face: a {@code connection} that is not a live
 * connection of this library exits {@code badConnection} on every machine that takes one; a missing
 * or null one stays the {@code error} exit (a required input, as in the original).
 */
@Tag("server")
class DynamicForeignConnectionTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  /** A valid value for every other required input of the machines that take a connection. */
  private static final Map<String, Object> SAMPLES =
      Map.ofEntries(
          Map.entry("key", "dyn:foreign"),
          Map.entry("value", 1),
          Map.entry("keys", List.of("dyn:foreign")),
          Map.entry("values", Map.of("dyn:foreign", 1)),
          Map.entry("password", "not-the-password"),
          Map.entry("command", "PING"),
          Map.entry("name", "dyn:lock"),
          Map.entry("token", "t"),
          Map.entry("ttl", 1000),
          Map.entry("limit", 1),
          Map.entry("window", 1000),
          Map.entry("compute", (Callable<Object>) () -> "computed"));

  static Manager manager;

  @BeforeAll
  static void createManager() {
    manager = Redis.createManager(redis.server().uri()).orThrow();
  }

  @AfterAll
  static void destroyManager() {
    manager.close();
  }

  @BeforeEach
  void keep() throws IOException {
    redis.server().command("SET", "dyn:foreign", "\"kept\"");
  }

  static List<String> connectionMachines() {
    List<String> identities = new ArrayList<>();
    for (Machine<?, ?> machine : Redis.PACK.machines()) {
      if (machine.spec().input("connection").isPresent()) {
        identities.add(machine.identity());
      }
    }
    return identities;
  }

  static Stream<Arguments> foreignValues() {
    List<Object> foreign = List.of(Map.of(), "a connection", 42, List.of(), new Object());
    return connectionMachines().stream()
        .flatMap(identity -> foreign.stream().map(value -> Arguments.of(identity, value)));
  }

  private static Map<String, Object> inputs(String identity, Object connection) {
    Map<String, Object> inputs = new HashMap<>();
    for (InputSpec input : Redis.PACK.machine(identity).spec().inputs()) {
      if (input.name().equals("connection") || !input.required()) {
        continue;
      }
      assertThat(SAMPLES)
          .as("a sample for %s.%s", identity, input.name())
          .containsKey(input.name());
      inputs.put(input.name(), SAMPLES.get(input.name()));
    }
    inputs.put("connection", connection);
    return inputs;
  }

  @Test
  void everyMachineThatTakesAConnection_isCovered() {
    assertThat(connectionMachines())
        .containsExactlyInAnyOrder(
            "release-connection",
            "cache-value",
            "get-cached-value",
            "destroy-cached-values",
            "flush-cache",
            "authenticate",
            "cache-values",
            "get-cached-values",
            "server-info",
            "list-keys",
            "send-command",
            "acquire-lock",
            "release-lock",
            "extend-lock",
            "rate-limit",
            "get-or-cache-value");
  }

  @ParameterizedTest(name = "{0} with a {1}")
  @MethodSource("foreignValues")
  void run_foreignConnection_exitsBadConnectionAndTouchesNothing(String identity, Object value)
      throws IOException {
    Outcome outcome = Redis.PACK.machine(identity).run(inputs(identity, value));

    assertThat(outcome.exitName()).as(outcome.toString()).isEqualTo("badConnection");
    MachineError error = outcome.error().orElseThrow();
    assertThat(error.code()).isEqualTo(RedisErrorCode.NOT_A_CONNECTION);
    assertThat(error.message())
        .contains("not a connection of this library")
        .contains(value.getClass().getSimpleName());
    assertThat(outcome.output()).isEqualTo(Map.of("error", error));
    assertThat(redis.server().command("GET", "dyn:foreign")).isEqualTo("\"kept\"");
  }

  @Test
  void run_originalsOwnTests_emptyDictionaryIsBadConnection() {
    assertThat(
            Redis.PACK
                .machine("cache-value")
                .run(Map.of("connection", Map.of(), "key", "k", "value", 1))
                .exitName())
        .isEqualTo("badConnection");
    assertThat(
            Redis.PACK
                .machine("get-cached-value")
                .run(Map.of("connection", Map.of(), "key", "k"))
                .exitName())
        .isEqualTo("badConnection");
  }

  @ParameterizedTest
  @MethodSource("connectionMachines")
  void run_missingOrNullConnection_staysTheErrorExit(String identity) {
    Map<String, Object> absent = inputs(identity, null);
    absent.remove("connection");
    Map<String, Object> nullValue = inputs(identity, null);

    for (Map<String, Object> inputs : List.of(absent, nullValue)) {
      Outcome outcome = Redis.PACK.machine(identity).run(inputs);

      assertThat(outcome.exitName()).as(inputs.toString()).isEqualTo("error");
      MachineError error = outcome.error().orElseThrow();
      assertThat(error.code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
      assertThat(error.message()).contains("'connection'");
    }
  }

  @Test
  void run_releasedConnection_isBadConnectionToo() {
    Connection released = Redis.getConnection(manager).orThrow();
    Redis.releaseConnection(released).orThrow();

    Outcome outcome =
        Redis.PACK.machine("get-cached-value").run(Map.of("connection", released, "key", "k"));

    assertThat(outcome.exitName()).isEqualTo("badConnection");
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(RedisErrorCode.CONNECTION_RELEASED);
  }

  @Test
  void run_foreignManager_staysTheErrorExit() {
    // A manager is no handle: the original had no duck-typing for it.
    Outcome outcome = Redis.PACK.machine("get-connection").run(Map.of("manager", Map.of()));

    assertThat(outcome.exitName()).isEqualTo("error");
    assertThat(outcome.error().orElseThrow().code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
  }
}
