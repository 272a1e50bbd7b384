package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.Outcome;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pack used by identity, as drivers and the CLI use it. */
@Tag("server")
class DynamicInvocationTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  static Manager manager;
  static Connection connection;

  @BeforeAll
  static void connect() {
    manager =
        (Manager)
            report(run("create-manager", Map.of("connectionString", redis.server().uri())))
                .get("manager");
    connection =
        (Connection) report(run("get-connection", Map.of("manager", manager))).get("connection");
  }

  @AfterAll
  static void destroy() {
    assertThat(run("destroy-manager", Map.of("manager", manager)).exitName()).isEqualTo("success");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> report(Outcome outcome) {
    assertThat(outcome.output()).as(outcome.toString()).isInstanceOf(Map.class);
    return (Map<String, Object>) outcome.output();
  }

  static Outcome run(String identity, Map<String, ?> inputs) {
    return Redis.PACK.machine(identity).run(inputs);
  }

  @Test
  void pack_listsTheTenMachinesOfTheOriginal_thenTheSuccessorOnes() {
    assertThat(Redis.PACK.machines())
        .extracting(Machine::identity)
        .containsExactly(
            "create-manager",
            "destroy-manager",
            "get-connection",
            "release-connection",
            "cache-value",
            "get-cached-value",
            "destroy-cached-values",
            "flush-cache",
            "authenticate",
            "create-connection-url",
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
    assertThatThrownBy(() -> Redis.PACK.machine("nope"))
        .hasMessageContaining("no machine 'nope'")
        .hasMessageContaining("cache-value");
  }

  @Test
  void run_byIdentity_reachesSuccessAndNotFound() {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("connection", connection);
    inputs.put("key", "dyn");
    inputs.put("value", null); // null is a value
    inputs.put("ttl", 60); // an Integer is fine for a Long input
    assertThat(run("cache-value", inputs).exitName()).isEqualTo("success");
    Outcome found = run("get-cached-value", Map.of("connection", connection, "key", "dyn"));
    assertThat(found.exitName()).isEqualTo("success");
    assertThat(report(found)).containsOnlyKeys("value").containsEntry("value", null);
    run("destroy-cached-values", Map.of("connection", connection, "keys", List.of("dyn")));
    assertThat(run("get-cached-value", Map.of("connection", connection, "key", "dyn")).exitName())
        .isEqualTo("notFound");
  }

  @Test
  void run_missingValue_isNotSilentlyNull() {
    assertError(
        run("cache-value", Map.of("connection", connection, "key", "k")), "value", "is required");
  }

  @Test
  void run_unknownInput_namesItAndTheKnownOnes() {
    assertError(
        run("get-cached-value", Map.of("connection", connection, "key", "k", "kee", "x")),
        "kee",
        "is not an input of get-cached-value");
  }

  @Test
  void run_wrongType_namesInputAndExpectedType() {
    assertError(
        run("get-cached-value", Map.of("connection", connection, "key", 5)),
        "key",
        "must be a string, got Integer 5");
    assertError(
        run("cache-value", Map.of("connection", connection, "key", "k", "value", 1, "ttl", 1.5)),
        "ttl",
        "whole number");
    assertError(
        run("destroy-cached-values", Map.of("connection", connection, "keys", List.of("a", 3))),
        "keys",
        "list of string");
  }

  static Stream<String> identities() {
    return Redis.PACK.machines().stream().map(Machine::identity);
  }

  @ParameterizedTest
  @MethodSource("identities")
  void everyMachine_errorExit_onInputsThatBreakTheContract(String identity) {
    Map<String, Object> inputs =
        identity.equals("create-connection-url") ? Map.of("port", 0) : Map.of();
    Outcome outcome = run(identity, inputs);
    assertThat(outcome.exitName()).isEqualTo("error");
    assertThat(outcome.error())
        .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(RedisErrorCode.INVALID_INPUT));
  }

  @ParameterizedTest
  @MethodSource("identities")
  void everyMachine_declaresSuccessFirstAndErrorLast_andDefaultsAgree(String identity) {
    var spec = Redis.PACK.machine(identity).spec();
    assertThat(spec.exits().get(0).name()).isEqualTo("success");
    assertThat(spec.exits().get(spec.exits().size() - 1).name()).isEqualTo("error");
    assertThat(spec.description()).isNotBlank();
    spec.inputs().forEach(input -> assertThat(input.description()).isNotBlank());
  }

  @Test
  void createConnectionUrl_originalOutputs() {
    assertThat(run("create-connection-url", Map.of()).output()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(
            run(
                    "create-connection-url",
                    Map.of("host", "redis2go.com", "port", 6380, "pass", "secret", "db", 15))
                .output())
        .isEqualTo("redis://:secret@redis2go.com:6380/15");
  }

  private static void assertError(Outcome outcome, String input, String text) {
    assertThat(outcome.exitName()).isEqualTo("error");
    MachineError error = outcome.error().orElseThrow();
    assertThat(error.code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
    assertThat(error.message()).contains("'" + input + "'").contains(text);
  }
}
