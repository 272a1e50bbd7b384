package dev.mpredis.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MachineTest {

  static final EchoMachine ECHO = new EchoMachine();

  @Test
  void spec_isReadFromTheDeclaration() {
    MachineSpec spec = ECHO.spec();
    assertThat(spec.identity()).isEqualTo("echo-machine");
    assertThat(spec.friendlyName()).isEqualTo("Echo");
    assertThat(spec.sideEffects()).isEqualTo(SideEffects.CACHEABLE);
    assertThat(spec.inputs())
        .extracting(InputSpec::name, InputSpec::typeName, InputSpec::required)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("text", "string", true),
            org.assertj.core.groups.Tuple.tuple("times", "number", false),
            org.assertj.core.groups.Tuple.tuple("labels", "list of string", false),
            org.assertj.core.groups.Tuple.tuple("extra", "json", false),
            org.assertj.core.groups.Tuple.tuple("secret", "string", false),
            org.assertj.core.groups.Tuple.tuple("meta", "dictionary", false));
    assertThat(spec.input("secret").orElseThrow().sensitive()).isTrue();
    assertThat(spec.exits())
        .extracting(ExitSpec::name, ExitSpec::outputName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("success", "echo"),
            org.assertj.core.groups.Tuple.tuple("empty", ""),
            org.assertj.core.groups.Tuple.tuple("error", "error"));
  }

  @Test
  void run_typed_takesExits() {
    assertThat(ECHO.run(new EchoMachine.Inputs("ab", 2L, null, null, null, null)))
        .isEqualTo(new EchoMachine.Success("abab"));
    assertThat(ECHO.run(new EchoMachine.Inputs("", null, null, null, null, null)).exitName())
        .isEqualTo("empty");
  }

  @Test
  void orThrow_returnsSuccessOutput_orThrowsWithExitNameAndReport() {
    assertThat(ECHO.run(new EchoMachine.Inputs("a", null, null, null, null, null)).orThrow())
        .isEqualTo("a");
    assertThatThrownBy(
            () -> ECHO.run(new EchoMachine.Inputs("", null, null, null, null, null)).orThrow())
        .isInstanceOfSatisfying(
            MachineException.class,
            e -> {
              assertThat(e.exitName()).isEqualTo("empty");
              assertThat(e.error()).isNull();
            });
    assertThatThrownBy(
            () ->
                ECHO.run(() -> new EchoMachine.Inputs("a", -1L, null, null, null, null)).orThrow())
        .isInstanceOfSatisfying(
            MachineException.class,
            e -> {
              assertThat(e.exitName()).isEqualTo("error");
              assertThat(e.error().code()).isEqualTo(StandardErrorCode.INVALID_INPUT);
              assertThat(e.getMessage()).contains("'times'").contains("-1");
            });
  }

  @Test
  void failures_becomeErrorExits_neverExceptions() {
    EchoMachine.Result thrown =
        ECHO.run(new EchoMachine.Inputs("throw", null, null, null, null, null));
    assertThat(thrown)
        .isInstanceOfSatisfying(
            EchoMachine.Error.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(StandardErrorCode.UNEXPECTED);
              assertThat(e.error().cause()).containsInstanceOf(IllegalStateException.class);
            });
    assertThat(
            ECHO.runAsync(new EchoMachine.Inputs("fail-stage", null, null, null, null, null))
                .toCompletableFuture()
                .join())
        .isInstanceOf(EchoMachine.Error.class);
    assertThat(ECHO.run((EchoMachine.Inputs) null)).isInstanceOf(EchoMachine.Error.class);
  }

  @Test
  void run_sync_isBoundedByTheDeadline() {
    assertThat(ECHO.run(new EchoMachine.Inputs("never", null, null, null, null, null)))
        .isInstanceOfSatisfying(
            EchoMachine.Error.class,
            e -> assertThat(e.error().code()).isEqualTo(StandardErrorCode.TIMED_OUT));
  }

  @Test
  void run_dynamic_validatesNamesPresenceAndTypes() {
    assertThat(ECHO.run(Map.of("text", "x", "times", 3)).output()).isEqualTo(Map.of("echo", "xxx"));
    assertThat(ECHO.run(Map.of("text", "x", "times", 3.0)).output())
        .isEqualTo(Map.of("echo", "xxx"));
    assertThat(ECHO.run(Map.of("text", "x", "labels", List.of("a"))).exitName())
        .isEqualTo("success");

    assertInvalid(ECHO.run(Map.of()), "'text' is required");
    Map<String, Object> nullText = new HashMap<>();
    nullText.put("text", null);
    assertInvalid(ECHO.run(nullText), "'text' must not be null");
    assertInvalid(ECHO.run(Map.of("text", "x", "txet", 1)), "'txet' is not an input of echo");
    assertInvalid(ECHO.run(Map.of("text", 1)), "'text' must be a string, got Integer 1");
    assertInvalid(ECHO.run(Map.of("text", "x", "times", 1.5)), "'times' must be a whole number");
    assertInvalid(ECHO.run(Map.of("text", "x", "times", "2")), "'times' must be a number");
    assertInvalid(
        ECHO.run(Map.of("text", "x", "times", new java.math.BigInteger("99999999999999999999"))),
        "'times' is out of range");
    assertInvalid(ECHO.run(Map.of("text", "x", "labels", List.of(1))), "'labels' must be a list");
    assertInvalid(ECHO.run(Map.of("text", "x", "times", -2)), "'times' was set to -2");
    assertInvalid(ECHO.run((Map<String, ?>) null), "must be given as a map");
  }

  @Test
  void run_dynamic_compiledRules_convertAndNameAsBefore() {
    assertThat(ECHO.run(Map.of("text", "x", "times", (short) 2)).output())
        .isEqualTo(Map.of("echo", "xx"));
    assertThat(ECHO.run(Map.of("text", "x", "times", (byte) 2)).output())
        .isEqualTo(Map.of("echo", "xx"));
    assertThat(ECHO.run(Map.of("text", "x", "times", java.math.BigInteger.TWO)).output())
        .isEqualTo(Map.of("echo", "xx"));
    assertThat(ECHO.run(Map.of("text", "x", "times", 0L)).exitName()).isEqualTo("empty");
    assertThat(ECHO.run(Map.of("text", "x", "txet", 1)).error().orElseThrow().message())
        .isEqualTo(
            "echo-machine: input 'txet' is not an input of echo-machine"
                + " (inputs: [extra, labels, meta, secret, text, times])");
    assertInvalid(
        ECHO.run(Map.of("text", "x", "labels", List.of("a", 2))),
        "'labels' must be a list of string, but holds Integer 2");
  }

  @Test
  void run_dynamic_nullableInputAcceptsNull() {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("text", "x");
    inputs.put("extra", null);
    assertThat(ECHO.run(inputs).exitName()).isEqualTo("success");
  }

  private static void assertInvalid(Outcome outcome, String message) {
    assertThat(outcome.exitName()).isEqualTo("error");
    assertThat(outcome.error())
        .hasValueSatisfying(
            e -> {
              assertThat(e.code()).isEqualTo(StandardErrorCode.INVALID_INPUT);
              assertThat(e.message()).contains(message);
            });
  }

  @Test
  void pack_findsByIdentity_andRejectsDuplicates() {
    Pack pack = new Pack("test", "A test pack.", List.of(ECHO));
    assertThat(pack.machine("echo-machine")).isSameAs(ECHO);
    assertThat(pack.find("nope")).isEmpty();
    assertThatThrownBy(() -> pack.machine("nope")).hasMessageContaining("echo-machine");
    assertThatThrownBy(() -> new Pack("dup", "d", List.of(ECHO, new EchoMachine())))
        .hasMessageContaining("two machines");
  }

  @Test
  void markdown_rendersInputsAndExits_hidesSecretExamples() {
    String page = MarkdownReference.render(ECHO.spec());
    assertThat(page)
        .startsWith("# echo-machine\n")
        .contains("| `text` | string | yes |  | `\"hi\"` | What to echo. |")
        .contains("| `times` | number | no | `1` |")
        .contains("| `secret` | string | no |  | (secret) |")
        .contains("| `success` | `SUCCESS` | The echo. | `{echo}` | `echo` (string) | `\"hihi\"` |")
        .contains("| `empty` | `OTHER` | Nothing to echo. | none |  |  |")
        .contains("| `error` | `ERROR` | Unexpected failure, or bad inputs. | `error`, bare |")
        .contains("| `empty` | `OTHER` | Nothing to echo. | none |  |  |");
    assertThat(MarkdownReference.renderIndex(new Pack("test", "A pack.", List.of(ECHO))))
        .contains("[`echo-machine`](echo-machine.md)");
  }
}
