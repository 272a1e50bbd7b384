package dev.mpredis.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Shared exit texts are written once: on a family's base class, or in the runtime for error. */
class ExitDefaultTest {

  @ExitDefault(exit = "refused", value = "The family's shared refusal.", outputExample = "\"no\"")
  public abstract static class Family<I extends Record, R extends Exit<?>> extends Machine<I, R> {
    Family(Class<I> inputs, Class<R> result) {
      super(inputs, result);
    }
  }

  public record Inputs(@Input(description = "Anything.") String text) {}

  /** A member of the family whose refused and error exits document nothing themselves. */
  @Describe(
      friendlyName = "Member",
      description = "A family member.",
      sideEffects = SideEffects.CACHEABLE)
  public static final class Member extends Family<Inputs, Member.Result> {
    Member() {
      super(Inputs.class, Result.class);
    }

    public sealed interface Result extends Exit<Object> permits Success, Refused, Error {}

    @ExitDoc("Done.")
    public record Success() implements Result, Exit.Successful {}

    public record Refused(MachineError error) implements Result, Exit.Failed {}

    public record Error(MachineError error) implements Result, Exit.Failed {}

    @Override
    protected CompletionStage<Result> execute(Inputs inputs) {
      return CompletableFuture.completedFuture(new Success());
    }

    @Override
    protected Result error(MachineError error) {
      return new Error(error);
    }
  }

  /** An orphan: its refused exit has neither its own text nor a shared one. */
  @Describe(
      friendlyName = "Orphan",
      description = "No family.",
      sideEffects = SideEffects.CACHEABLE)
  public static final class Orphan extends Machine<Inputs, Orphan.Result> {
    Orphan() {
      super(Inputs.class, Result.class);
    }

    public sealed interface Result extends Exit<Object> permits Refused, Error {}

    public record Refused(MachineError error) implements Result, Exit.Failed {}

    public record Error(MachineError error) implements Result, Exit.Failed {}

    @Override
    protected CompletionStage<Result> execute(Inputs inputs) {
      return CompletableFuture.completedFuture(new Refused(null));
    }

    @Override
    protected Result error(MachineError error) {
      return new Error(error);
    }
  }

  @Test
  void exitWithoutDoc_takesTheSharedTextOfItsFamily_andErrorTheRuntimes() {
    MachineSpec spec = new Member().spec();
    ExitSpec refused =
        spec.exits().stream().filter(e -> e.name().equals("refused")).findFirst().orElseThrow();
    assertThat(refused.description()).isEqualTo("The family's shared refusal.");
    assertThat(refused.outputExample()).isEqualTo("\"no\"");
    ExitSpec error =
        spec.exits().stream().filter(e -> e.name().equals("error")).findFirst().orElseThrow();
    assertThat(error.description()).isEqualTo(SpecReader.ERROR_TEXT);
  }

  @Test
  void exitWithoutDocOrSharedText_isRefusedWhenTheMachineIsBuilt() {
    assertThatThrownBy(Orphan::new)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exit refused needs an @ExitDoc");
  }
}
