package dev.mpredis.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A pack's own codes replace the runtime's on every error the runtime creates. */
@Tag("unit")
class PackCodesTest {

  /** A pack's codes: the runtime's namesakes and one of its own. */
  enum PackCode implements ErrorCode {
    INVALID_INPUT,
    TIMED_OUT,
    UNEXPECTED,
    OWN;

    @Override
    public String description() {
      return "a pack code";
    }

    static PackCode of(StandardErrorCode standard) {
      return valueOf(standard.name());
    }
  }

  @Describe(
      friendlyName = "Coded",
      description = "Echo with pack codes.",
      sideEffects = SideEffects.NONE)
  static final class Coded extends Machine<Coded.Inputs, Coded.Result> {

    Coded(Function<StandardErrorCode, ? extends ErrorCode> codes) {
      super(Inputs.class, Result.class, codes);
    }

    public record Inputs(@Input(description = "What to do.") String text) {
      public Inputs {
        if (text == null || text.isEmpty()) {
          throw new InvalidInputException("text", "must not be empty");
        }
      }
    }

    public sealed interface Result extends Exit<String> permits Success, Error {}

    @ExitDoc("Done.")
    public record Success(String text) implements Result, Exit.Successful {}

    @ExitDoc("Unexpected failure, or bad inputs.")
    public record Error(MachineError error) implements Result, Exit.Failed {}

    @Override
    protected CompletionStage<Result> execute(Inputs inputs) {
      return switch (inputs.text()) {
        case "throw" -> throw new IllegalStateException("asked to throw");
        case "never" -> new CompletableFuture<>();
        case "own" ->
            CompletableFuture.completedFuture(new Error(MachineError.of(PackCode.OWN, "its own")));
        default -> CompletableFuture.completedFuture(new Success(inputs.text()));
      };
    }

    @Override
    protected Duration deadline(Inputs inputs) {
      return Duration.ofMillis(50);
    }

    @Override
    protected Result error(MachineError error) {
      return new Error(error);
    }
  }

  static final Coded CODED = new Coded(PackCode::of);

  @Test
  void runtimeErrors_carryThePacksCodes_onEveryFace() {
    assertCode(CODED.run(() -> new Coded.Inputs("")), PackCode.INVALID_INPUT);
    assertCode(CODED.run((Coded.Inputs) null), PackCode.INVALID_INPUT);
    assertCode(
        CODED.runAsync(() -> new Coded.Inputs("")).toCompletableFuture().join(),
        PackCode.INVALID_INPUT);
    assertCode(CODED.run(Map.of()).exit(), PackCode.INVALID_INPUT);
    assertCode(CODED.run(Map.of("text", 1)).exit(), PackCode.INVALID_INPUT);
    assertCode(CODED.run(Map.of("text", "x", "bogus", 1)).exit(), PackCode.INVALID_INPUT);
    assertCode(CODED.run(new Coded.Inputs("throw")), PackCode.UNEXPECTED);
    assertCode(CODED.run(new Coded.Inputs("never")), PackCode.TIMED_OUT);
    assertCode(CODED.run(new Coded.Inputs("own")), PackCode.OWN);
  }

  @Test
  void constructor_translationToNullOrAnotherName_isABug() {
    assertThatThrownBy(() -> new Coded(standard -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("INVALID_INPUT");
    assertThatThrownBy(() -> new Coded(standard -> PackCode.OWN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a namesake");
  }

  @Test
  void twoArgumentConstructor_keepsTheStandardCodes() {
    assertThat(((Exit.Failed) new EchoMachine().run((EchoMachine.Inputs) null)).error().code())
        .isEqualTo(StandardErrorCode.INVALID_INPUT);
  }

  private static void assertCode(Exit<?> exit, PackCode expected) {
    assertThat(exit).isInstanceOf(Exit.Failed.class);
    assertThat(((Exit.Failed) exit).error().code()).isSameAs(expected);
  }
}
