package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpredis.machine.InputSpec;
import dev.mpredis.machine.Machine;
import dev.mpredis.redis.Redis;
import dev.mpredis.testkit.ScriptedServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Usage errors and invalid inputs, found before anything connects: the same exit status, and with
 * {@code --json} the same one-line shape, as every other result. The only server is a listener that
 * counts connections, to show that none was made.
 */
@Tag("unit")
class ExecUsageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Machine<?, ?>> machinesOnAConnection() {
    return Redis.PACK.machines().stream().filter(m -> m.spec().input("connection").isPresent());
  }

  @Test
  void exec_missingOrEmptyInput_isReportedBeforeConnecting_statusFour() throws IOException {
    try (ScriptedServer listener = ScriptedServer.silent()) {
      for (String[] inputs : new String[][] {{}, {"--input", "key="}}) {
        String[] args =
            Stream.concat(
                    Stream.of("exec", "get-cached-value", "--url", listener.uri(), "--json"),
                    Stream.of(inputs))
                .toArray(String[]::new);

        Cli.Run run = Cli.run(args);

        assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        JsonNode line = run.onlyJsonLine();
        assertThat(line.get("machine").asText()).isEqualTo("get-cached-value");
        assertThat(line.has("step")).isFalse();
        assertThat(line.get("exit").asText()).isEqualTo("error");
        assertThat(line.at("/error/code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(line.at("/error/message").asText()).contains("key");
      }
      assertThat(listener.acceptedConnections()).isZero();
    }
  }

  @Test
  void exec_missingInput_humanOutput_namesTheInput() {
    Cli.Run run = Cli.run("exec", "get-cached-value", "--url", "redis://127.0.0.1:1");

    assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
    assertThat(run.out())
        .isEqualTo(
            "exit: error\nerror: INVALID_INPUT: get-cached-value: input 'key' is required\n");
  }

  @ParameterizedTest
  @MethodSource("machinesOnAConnection")
  void invalidInputs_ofValidInputs_isEmpty_theMachineChecksOnlyTheStandIn(Machine<?, ?> machine)
      throws IOException {
    Map<String, Object> values = new HashMap<>();
    List<String> unsettable = new ArrayList<>(); // required, and no text can give it (a function)
    for (InputSpec input : machine.spec().inputs()) {
      if (InputValues.isProvided(input)) {
        continue;
      }
      if (!input.example().isEmpty()) {
        values.put(input.name(), JSON.readValue(input.example(), Object.class));
      } else if (InputValues.isPlainString(input)) {
        values.put(input.name(), "x");
      } else if (input.required()) {
        unsettable.add(input.name());
      }
    }

    if (unsettable.isEmpty()) {
      assertThat(ExecCommand.invalidInputs(machine, values)).as(machine.identity()).isEmpty();
    } else {
      // get-or-cache-value's compute: the check before connecting names it, as it would after.
      assertThat(String.valueOf(ExecCommand.invalidInputs(machine, values)))
          .as(machine.identity())
          .contains(unsettable.get(0));
    }
  }

  @ParameterizedTest
  @MethodSource("machinesOnAConnection")
  void invalidInputs_ofAnUnknownInput_isTheErrorExitWithInvalidInput(Machine<?, ?> machine) {
    var invalid = ExecCommand.invalidInputs(machine, new HashMap<>(Map.of("colour", "red")));

    assertThat(invalid).as(machine.identity()).isPresent();
    assertThat(invalid.get().exitName()).isEqualTo("error");
    assertThat(ExitStatus.of(invalid.get())).isEqualTo(ExitStatus.INVALID);
  }

  @Test
  void usageErrors_withJson_printOneJsonLineOnStandardOutput_statusFour() throws IOException {
    String[][] cases = {
      {"exec", "get-cached-value", "--jsn", "--json"},
      {"exec", "get-cache-value", "--json"},
      {"exec", "get-cached-value", "--input", "kye=k", "--json"},
      {"exec", "cache-value", "--input", "key=k", "--input", "value=things", "--json"},
      {"exec", "get-cached-value", "--input", "key=k", "--url-file", "/nonexistent/url", "--json"},
      {"exec", "--json"},
      {"exce", "get-cached-value", "--json"},
    };
    for (String[] args : cases) {
      Cli.Run run = Cli.run(args);

      String which = String.join(" ", args) + "\n" + run;
      assertThat(run.status()).as(which).isEqualTo(ExitStatus.INVALID);
      assertThat(run.err()).as(which).isEmpty();
      JsonNode line = run.onlyJsonLine();
      assertThat(line.get("exit").asText()).as(which).isEqualTo(ExitReport.USAGE_ERROR);
      assertThat(line.get("output").isNull()).as(which).isTrue();
      assertThat(line.at("/error/code").asText()).as(which).isEqualTo("INVALID_INPUT");
      assertThat(line.at("/error/message").asText()).as(which).isNotBlank();
    }
    JsonNode named = Cli.run("exec", "get-cached-value", "--input", "x", "--json").onlyJsonLine();
    assertThat(named.get("machine").asText()).isEqualTo("get-cached-value");
  }

  @Test
  void usageErrors_withoutJson_printTextOnStandardError() {
    Cli.Run run = Cli.run("exec", "get-cache-value");

    assertThat(run.status()).isEqualTo(ExitStatus.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("mp-redis: no machine 'get-cache-value'").contains("--help");
  }

  @Test
  void wantsJson_onlyBeforeTheEndOfOptions() {
    assertThat(MpRedis.wantsJson(List.of("exec", "m", "--json"))).isTrue();
    assertThat(MpRedis.wantsJson(List.of("exec", "m", "--", "--json"))).isFalse();
    assertThat(MpRedis.wantsJson(List.of("exec", "m"))).isFalse();
  }

  @Test
  void mistypedNames_getDidYouMean() {
    assertThat(Cli.run("exec", "get-cache-value").err())
        .contains("no machine 'get-cache-value' (did you mean get-cached-value or");
    assertThat(Cli.run("man", "cach-value").err())
        .contains("no machine 'cach-value' (did you mean cache-value");
    assertThat(Cli.run("exec", "get-cached-value", "--input", "kye=k").err())
        .contains("'kye' is not an input of get-cached-value (did you mean key?)");
    assertThat(Cli.run("exec", "get-cached-value", "--jsn").err())
        .contains("Unknown option: '--jsn' (did you mean --json?)");
    assertThat(Cli.run("exce").err()).contains("(did you mean exec?)");
  }

  @Test
  void mistypedMachine_farFromEveryName_listsThemAll() {
    Cli.Run run = Cli.run("exec", "zzz");

    assertThat(run.err()).contains("no machine 'zzz'; machines: " + MachineNames.joined());
  }

  @Test
  void closest_isWithinAFewEditsOrContainsTheText_nearestFirst() {
    List<String> names = MachineNames.identities();

    assertThat(MachineNames.closest("get-cached-valeu", names)).startsWith("get-cached-value");
    assertThat(MachineNames.closest("GET-CACHED-VALUE", names)).startsWith("get-cached-value");
    assertThat(MachineNames.closest("lock", names))
        .containsExactlyInAnyOrder("acquire-lock", "release-lock", "extend-lock");
    assertThat(MachineNames.closest("xy", names)).isEmpty();
    assertThat(MachineNames.distance("ab", "ba")).isEqualTo(1);
    assertThat(MachineNames.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void reveal_isForCreateConnectionUrlOnly() {
    Cli.Run run = Cli.run("exec", "get-cached-value", "--input", "key=k", "--reveal");

    assertThat(run.status()).isEqualTo(ExitStatus.INVALID);
    assertThat(run.err()).contains("--reveal").contains("create-connection-url");
  }

  @Test
  void createConnectionUrl_masksThePassword_revealPrintsTheUsableUrl() throws IOException {
    Map<String, String> environment = Map.of("PW", "s3cret-pw");
    String[] args = {
      "exec", "create-connection-url", "--input", "host=h", "--input-env", "pass=PW", "--json"
    };

    Cli.Run masked = Cli.run(environment, args);
    Cli.Run revealed =
        Cli.run(
            environment,
            Stream.concat(Stream.of(args), Stream.of("--reveal")).toArray(String[]::new));

    assertThat(masked.onlyJsonLine().get("output").asText()).isEqualTo("redis://:****@h:6379");
    assertThat(masked.err()).contains("--reveal");
    assertThat(revealed.onlyJsonLine().get("output").asText())
        .isEqualTo("redis://:s3cret-pw@h:6379");
    assertThat(revealed.err()).isEmpty();
  }
}
