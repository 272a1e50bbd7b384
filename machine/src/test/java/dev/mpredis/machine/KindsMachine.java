package dev.mpredis.machine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A machine for the runtime's tests of exit kinds and connection needs: takes the exit named by its
 * input, and needs a dedicated connection.
 */
@Describe(
    friendlyName = "Kinds",
    description = "Take the exit named by the input.",
    sideEffects = SideEffects.IDEMPOTENT,
    connection = ConnectionNeed.DEDICATED)
public final class KindsMachine extends Machine<KindsMachine.Inputs, KindsMachine.Result> {

  public KindsMachine() {
    super(Inputs.class, Result.class);
  }

  public record Inputs(@Input(description = "The exit to take.") String exit) {}

  public sealed interface Result extends Exit<Void>
      permits Success, NotFound, BadConnection, Failed, Rejected, Later, Error {}

  @ExitDoc("Done.")
  public record Success() implements Result, Exit.Successful {}

  @ExitDoc("Nothing there.")
  public record NotFound() implements Result {}

  @ExitDoc("The connection cannot be used.")
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  @ExitDoc("Refused.")
  public record Failed(MachineError error) implements Result, Exit.Failed {}

  @ExitDoc(value = "The input breaks a rule.", kind = ExitKind.INVALID_INPUT)
  public record Rejected(MachineError error) implements Result, Exit.Failed {}

  @ExitDoc("Try again later: a name that says no kind.")
  public record Later() implements Result {}

  @ExitDoc("Unexpected failure, or bad inputs.")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  protected CompletionStage<Result> execute(Inputs inputs) {
    MachineError report = MachineError.of(StandardErrorCode.UNEXPECTED, "asked for");
    Result result =
        switch (inputs.exit()) {
          case "success" -> new Success();
          case "notFound" -> new NotFound();
          case "badConnection" -> new BadConnection(report);
          case "failed" -> new Failed(report);
          case "rejected" -> new Rejected(report);
          case "later" -> new Later();
          default -> new Error(report);
        };
    return CompletableFuture.completedFuture(result);
  }

  @Override
  protected Result error(MachineError error) {
    return new Error(error);
  }
}
