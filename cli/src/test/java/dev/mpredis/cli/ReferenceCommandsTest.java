package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.ExitSpec;
import dev.mpredis.machine.InputSpec;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineSpec;
import dev.mpredis.machine.MarkdownReference;
import dev.mpredis.redis.Redis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** list, man, --help, --version and completion: no server needed. */
@Tag("unit")
class ReferenceCommandsTest {

  static Stream<String> machines() {
    return Redis.PACK.machines().stream().map(Machine::identity);
  }

  @Test
  void list_printsEveryMachineWithItsDescription() {
    Cli.Run run = Cli.run("list");

    assertThat(run.status()).as(run.toString()).isEqualTo(0);
    assertThat(run.out().lines()).hasSize(Redis.PACK.machines().size());
    for (Machine<?, ?> machine : Redis.PACK.machines()) {
      assertThat(run.out())
          .containsPattern(
              "(?m)^"
                  + machine.identity()
                  + " +"
                  + java.util.regex.Pattern.quote(machine.spec().description())
                  + "$");
    }
  }

  @ParameterizedTest
  @MethodSource("machines")
  void man_showsEveryInputAndExitFromTheSpec(String identity) {
    MachineSpec spec = Redis.PACK.machine(identity).spec();

    Cli.Run run = Cli.run("man", identity);

    assertThat(run.status()).as(run.toString()).isEqualTo(0);
    assertThat(run.err()).isEmpty();
    String page = run.out().replaceAll("\\s+", " ");
    assertThat(page).contains(identity + " - " + spec.description());
    for (InputSpec input : spec.inputs()) {
      assertThat(page)
          .contains(input.name() + ": " + input.typeName())
          .contains(input.required() ? "required" : "optional")
          .contains(input.description().replaceAll("\\s+", " "));
      input.defaultJson().ifPresent(d -> assertThat(page).contains("default " + d));
      if (!input.example().isEmpty() && !input.sensitive()) {
        assertThat(page).contains("example " + input.example());
      }
    }
    for (ExitSpec exit : spec.exits()) {
      assertThat(page)
          .contains(
              exit.name() + " (" + exit.kind() + "): exit status " + ExitStatus.ofDeclared(exit))
          .contains(exit.description().replaceAll("\\s+", " "));
      exit.output().ifPresent(o -> assertThat(page).contains("output: " + exit.dynamicOutput()));
    }
    assertThat(page).contains("mp-redis exec " + identity);
    if (spec.needsDedicatedConnection()) {
      assertThat(page).contains("CONNECTION " + TextReference.DEDICATED);
    } else {
      assertThat(page).doesNotContain(TextReference.DEDICATED);
    }
  }

  @ParameterizedTest
  @MethodSource("machines")
  void manMarkdown_isTheGeneratedReferencePage(String identity) {
    Cli.Run run = Cli.run("man", "--markdown", identity);

    assertThat(run.status()).isEqualTo(0);
    assertThat(run.out()).isEqualTo(MarkdownReference.render(Redis.PACK.machine(identity).spec()));
  }

  @Test
  void man_unknownMachine_offersTheClosestOrListsTheMachines_exitsFour() {
    Cli.Run typo = Cli.run("man", "get-cached-valu");
    Cli.Run far = Cli.run("man", "zzz");

    assertThat(typo.status()).isEqualTo(ExitStatus.INVALID);
    assertThat(typo.out()).isEmpty();
    assertThat(typo.err()).contains("no machine 'get-cached-valu' (did you mean get-cached-value");
    assertThat(far.status()).isEqualTo(ExitStatus.INVALID);
    machines().forEach(identity -> assertThat(far.err()).contains(identity));
  }

  @Test
  void help_documentsTheExitStatuses() {
    for (String[] args : new String[][] {{"--help"}, {"exec", "--help"}}) {
      Cli.Run run = Cli.run(args);

      assertThat(run.status()).isEqualTo(0);
      assertThat(run.out()).contains("Exit status:");
      String help = run.out().replaceAll("\\s+", " ");
      ExitStatus.helpTable(Redis.PACK)
          .forEach((status, meaning) -> assertThat(help).contains(status + " " + meaning));
      assertThat(help)
          .contains(" 0 success: ")
          .contains(" 2 notFound: ")
          .contains(" 3 failed, badConnection or computeFailed: ")
          .contains(" 4 malformed, invalidKeys or error with INVALID_INPUT: invalid input");
    }
  }

  @Test
  void execHelp_namesTheMachinesThatNeedADedicatedConnection_fromTheirSpecs() {
    Cli.Run run = Cli.run("exec", "--help");

    String needing =
        Redis.PACK.machines().stream()
            .filter(m -> m.spec().needsDedicatedConnection())
            .map(Machine::identity)
            .collect(java.util.stream.Collectors.joining(", "));
    assertThat(needing).isEqualTo("authenticate");
    Redis.PACK.machines().stream()
        .filter(m -> m.spec().needsDedicatedConnection())
        .forEach(m -> assertThat(m.spec().input("connection")).as(m.identity()).isPresent());
    assertThat(run.out().replaceAll("\\s+", " "))
        .contains("always so for the machines that need one: " + needing + ".");
  }

  @Test
  void help_existsForEveryCommand() {
    for (String command : new String[] {"list", "man", "exec", "quickstart"}) {
      Cli.Run run = Cli.run(command, "--help");

      assertThat(run.status()).as(command).isEqualTo(0);
      assertThat(run.out()).as(command).startsWith("Usage: mp-redis " + command);
    }
  }

  @Test
  void version_printsTheProjectVersion() {
    Cli.Run run = Cli.run("--version");

    assertThat(run.status()).isEqualTo(0);
    assertThat(run.out()).startsWith("mp-redis ").doesNotContain("${project.version}");
  }

  @Test
  void generateCompletion_printsAShellScriptWithTheCommands() {
    Cli.Run run = Cli.run("generate-completion");

    assertThat(run.status()).isEqualTo(0);
    assertThat(run.out()).contains("complete -F").contains("quickstart").contains("exec");
    for (Machine<?, ?> machine : Redis.PACK.machines()) {
      String names =
          InputValues.settableNames(machine.spec()).stream()
              .map(n -> n + "=")
              .collect(java.util.stream.Collectors.joining(" "));
      assertThat(run.out()).contains("'" + machine.identity() + "') names='" + names + "' ;;");
    }
  }

  @Test
  void generateCompletion_inBash_completesCommandsMachinesOptionsAndInputNames(@TempDir Path dir)
      throws IOException, InterruptedException {
    assertThat(onPath("bash")).as("bash on the PATH, to run the completion script").isTrue();
    Path script =
        Files.writeString(dir.resolve("mp-redis.bash"), Cli.run("generate-completion").out());

    assertThat(complete(script, "mp-redis exec cache-value --input "))
        .containsExactly("key=", "value=", "ttl=", "meta=");
    assertThat(complete(script, "mp-redis exec cache-value --input-env t")).containsExactly("ttl=");
    assertThat(complete(script, "mp-redis exec -i k")).containsExactly("key=", "keys=");
    assertThat(complete(script, "mp-redis exec get-cached"))
        .containsExactly("get-cached-value", "get-cached-values");
    assertThat(complete(script, "mp-redis exec cache-value --js")).containsExactly("--json");
    assertThat(complete(script, "mp-redis qu")).containsExactly("quickstart");
  }

  /** What bash completes for {@code line} (the last word is the one completed). */
  private static List<String> complete(Path script, String line)
      throws IOException, InterruptedException {
    List<String> words = new ArrayList<>(List.of(line.split(" ", -1)));
    String array =
        words.stream().map(w -> "'" + w + "'").collect(java.util.stream.Collectors.joining(" "));
    String program =
        "source '"
            + script
            + "' 2>/dev/null; COMP_LINE='"
            + line
            + "'; COMP_WORDS=("
            + array
            + "); COMP_CWORD="
            + (words.size() - 1)
            + "; _complete_mp-redis 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process bash = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash finished").isTrue();
    return out.lines().filter(l -> !l.isEmpty()).toList();
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }

  @Test
  void noCommand_isAUsageError() {
    Cli.Run run = Cli.run();

    assertThat(run.status()).isEqualTo(ExitStatus.INVALID);
    assertThat(run.err()).contains("a command is required");
  }

  @Test
  void unknownOption_isAUsageErrorThatMasksAUrlPassword() {
    Cli.Run run = Cli.run("list", "--url=redis://:canary-in-option@h");

    assertThat(run.status()).isEqualTo(ExitStatus.INVALID);
    assertThat(run.all()).doesNotContain("canary-in-option").contains("redis://:****@h");
  }
}
