package dev.mpredis.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exit kinds and connection needs: declared once, read from the spec and from every exit. */
@Tag("unit")
class ExitKindTest {

  static final KindsMachine KINDS = new KindsMachine();

  @Test
  void spec_kindIsDeclaredOrComesFromTheExitsName() {
    assertThat(KINDS.spec().exits())
        .extracting(ExitSpec::name, ExitSpec::kind)
        .containsExactly(
            tuple("success", ExitKind.SUCCESS),
            tuple("notFound", ExitKind.NOT_FOUND),
            tuple("badConnection", ExitKind.BAD_CONNECTION),
            tuple("failed", ExitKind.FAILED),
            tuple("rejected", ExitKind.INVALID_INPUT),
            tuple("later", ExitKind.OTHER),
            tuple("error", ExitKind.ERROR));
    assertThat(new EchoMachine().spec().exits())
        .extracting(ExitSpec::kind)
        .containsExactly(ExitKind.SUCCESS, ExitKind.OTHER, ExitKind.ERROR);
  }

  @Test
  void exitKind_ofEveryExitTaken_isTheKindItsSpecDeclares() {
    for (ExitSpec declared : KINDS.spec().exits()) {
      Exit<?> taken = KINDS.run(Map.of("exit", declared.name())).exit();

      assertThat(taken.exitName()).isEqualTo(declared.name());
      assertThat(taken.exitKind()).as(declared.name()).isEqualTo(declared.kind());
    }
  }

  @Test
  void exitKind_ofAnErrorExitForInvalidInput_isStillError() {
    Exit<?> taken = KINDS.run(Map.of("exit", 7)).exit();

    assertThat(taken.exitName()).isEqualTo("error");
    assertThat(((Exit.Failed) taken).error().code()).isEqualTo(StandardErrorCode.INVALID_INPUT);
    assertThat(taken.exitKind()).isEqualTo(ExitKind.ERROR);
  }

  @Test
  void ofName_givesTheWellKnownNamesTheirKinds_andOtherNamesOther() {
    assertThat(ExitKind.ofName("success")).isEqualTo(ExitKind.SUCCESS);
    assertThat(ExitKind.ofName("notFound")).isEqualTo(ExitKind.NOT_FOUND);
    assertThat(ExitKind.ofName("badConnection")).isEqualTo(ExitKind.BAD_CONNECTION);
    assertThat(ExitKind.ofName("failed")).isEqualTo(ExitKind.FAILED);
    assertThat(ExitKind.ofName("error")).isEqualTo(ExitKind.ERROR);
    assertThat(ExitKind.ofName("malformed")).isEqualTo(ExitKind.OTHER);
  }

  @Test
  void spec_connectionNeed_isDeclaredOnTheMachine_andAnyByDefault() {
    assertThat(KINDS.spec().connection()).isEqualTo(ConnectionNeed.DEDICATED);
    assertThat(KINDS.spec().needsDedicatedConnection()).isTrue();
    assertThat(new EchoMachine().spec().connection()).isEqualTo(ConnectionNeed.ANY);
    assertThat(new EchoMachine().spec().needsDedicatedConnection()).isFalse();
  }

  @Test
  void markdown_showsEveryExitsKind_andTheConnectionNeed() {
    String page = MarkdownReference.render(KINDS.spec());

    assertThat(page)
        .contains(MarkdownReference.DEDICATED_NOTE)
        .contains("| `rejected` | `INVALID_INPUT` | The input breaks a rule. |")
        .contains("| `later` | `OTHER` |");
    assertThat(MarkdownReference.render(new EchoMachine().spec()))
        .doesNotContain(MarkdownReference.DEDICATED_NOTE);
  }

  @Test
  void constructor_successKindOnARecordNotMarkedSuccessful_isRejected() {
    assertThatThrownBy(SuccessNotMarked::new)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is of kind SUCCESS but is not marked Exit.Successful");
  }

  @Test
  void constructor_otherKindOnASuccessfulRecord_isRejected() {
    assertThatThrownBy(SuccessfulButFailed::new)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is of kind FAILED but is marked Exit.Successful");
  }

  @Test
  void constructor_errorExitOfAnotherKind_isRejected() {
    assertThatThrownBy(ErrorOfOtherKind::new)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("declares kind INVALID_INPUT; the error exit is ERROR");
  }

  @Test
  void constructor_twoKinds_isRejected() {
    assertThatThrownBy(TwoKinds::new)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("declares 2 kinds, at most 1");
  }

  // Machines whose declarations contradict themselves: each constructor must throw.

  public record In(@Input(description = "Anything.") String text) {}

  abstract static class Broken<R extends Exit<?>> extends Machine<In, R> {
    Broken(Class<R> resultType) {
      super(In.class, resultType);
    }

    @Override
    protected CompletionStage<R> execute(In inputs) {
      return new CompletableFuture<>();
    }
  }

  @Describe(friendlyName = "x", description = "x", sideEffects = SideEffects.CACHEABLE)
  static final class SuccessNotMarked extends Broken<SuccessNotMarked.Result> {
    SuccessNotMarked() {
      super(Result.class);
    }

    public sealed interface Result extends Exit<Void> permits Success, Error {}

    @ExitDoc("Not marked.")
    public record Success() implements Result {}

    @ExitDoc("Error.")
    public record Error(MachineError error) implements Result, Exit.Failed {}

    @Override
    protected Result error(MachineError error) {
      return new Error(error);
    }
  }

  @Describe(friendlyName = "x", description = "x", sideEffects = SideEffects.CACHEABLE)
  static final class SuccessfulButFailed extends Broken<SuccessfulButFailed.Result> {
    SuccessfulButFailed() {
      super(Result.class);
    }

    public sealed interface Result extends Exit<Void> permits Success, Error {}

    @ExitDoc(value = "Marked, but declared failed.", kind = ExitKind.FAILED)
    public record Success() implements Result, Exit.Successful {}

    @ExitDoc("Error.")
    public record Error(MachineError error) implements Result, Exit.Failed {}

    @Override
    protected Result error(MachineError error) {
      return new Error(error);
    }
  }

  @Describe(friendlyName = "x", description = "x", sideEffects = SideEffects.CACHEABLE)
  static final class ErrorOfOtherKind extends Broken<ErrorOfOtherKind.Result> {
    ErrorOfOtherKind() {
      super(Result.class);
    }

    public sealed interface Result extends Exit<Void> permits Success, Error {}

    @ExitDoc("Done.")
    public record Success() implements Result, Exit.Successful {}

    @ExitDoc(value = "Error.", kind = ExitKind.INVALID_INPUT)
    public record Error(MachineError error) implements Result, Exit.Failed {}

    @Override
    protected Result error(MachineError error) {
      return new Error(error);
    }
  }

  @Describe(friendlyName = "x", description = "x", sideEffects = SideEffects.CACHEABLE)
  static final class TwoKinds extends Broken<TwoKinds.Result> {
    TwoKinds() {
      super(Result.class);
    }

    public sealed interface Result extends Exit<Void> permits Success, Odd, Error {}

    @ExitDoc("Done.")
    public record Success() implements Result, Exit.Successful {}

    @ExitDoc(
        value = "Two kinds.",
        kind = {ExitKind.FAILED, ExitKind.OTHER})
    public record Odd() implements Result {}

    @ExitDoc("Error.")
    public record Error(MachineError error) implements Result, Exit.Failed {}

    @Override
    protected Result error(MachineError error) {
      return new Error(error);
    }
  }
}
