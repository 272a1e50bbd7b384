package dev.mpredis.machine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A machine for the runtime's tests of output shapes and handle inputs. */
@Describe(
    friendlyName = "Shapes",
    description = "Take the exit named by the input.",
    sideEffects = SideEffects.CACHEABLE)
public final class ShapesMachine extends Machine<ShapesMachine.Inputs, ShapesMachine.Result> {

  /** A handle type, as a pack's connection is one. */
  @Handle
  public interface Token {
    /** Whether the pack made it. */
    boolean isReal();
  }

  /** A handle the "pack" made. */
  public record RealToken() implements Token {
    @Override
    public boolean isReal() {
      return true;
    }
  }

  /** A report record: the dynamic face unfolds it. */
  public record Tally(List<String> seen, long count) {}

  public ShapesMachine() {
    super(Inputs.class, Result.class);
  }

  public record Inputs(
      @Input(description = "The exit to take.") String exit,
      @Input(description = "A token.", required = false) Token token) {}

  public sealed interface Result extends Exit<Object>
      permits Success, Counted, Url, Nothing, BadToken, Error {}

  @ExitDoc("A report of one field.")
  public record Success(Object value) implements Result, Exit.Successful {}

  @ExitDoc("A report record.")
  public record Counted(Tally tally) implements Result {}

  @ExitDoc(value = "A bare value.", bareOutput = true)
  public record Url(String url) implements Result {}

  @ExitDoc("No output.")
  public record Nothing() implements Result {}

  @ExitDoc("The token is not a real one.")
  public record BadToken(MachineError error) implements Result, Exit.Failed {}

  @ExitDoc("Unexpected failure, or bad inputs.")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  protected CompletionStage<Result> execute(Inputs inputs) {
    if (inputs.token() != null && !(inputs.token() instanceof RealToken)) {
      String what =
          inputs.token() instanceof ForeignValue foreign ? foreign.typeName() : "another token";
      return CompletableFuture.completedFuture(
          new BadToken(
              MachineError.of(StandardErrorCode.INVALID_INPUT, "not a real token: " + what)));
    }
    Result result =
        switch (inputs.exit()) {
          case "success" -> new Success(null);
          case "counted" -> new Counted(new Tally(List.of("a", "b"), 2));
          case "url" -> new Url("redis://x");
          case "nothing" -> new Nothing();
          case "token" -> new Success(inputs.token().isReal());
          default -> throw new IllegalStateException("no exit " + inputs.exit());
        };
    return CompletableFuture.completedFuture(result);
  }

  @Override
  protected Result error(MachineError error) {
    return new Error(error);
  }
}
