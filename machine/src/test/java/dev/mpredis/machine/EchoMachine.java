package dev.mpredis.machine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A machine for the runtime's own tests: echoes its input, or fails on request. */
@Describe(
    friendlyName = "Echo",
    description = "Return the text given.",
    sideEffects = SideEffects.CACHEABLE)
public final class EchoMachine extends Machine<EchoMachine.Inputs, EchoMachine.Result> {

  public EchoMachine() {
    super(Inputs.class, Result.class);
  }

  public record Inputs(
      @Input(description = "What to echo.", example = "\"hi\"") String text,
      @Input(description = "How often.", required = false, defaultValue = "1") Long times,
      @Input(description = "Labels.", required = false) List<String> labels,
      @Input(description = "Anything.", required = false, type = "json", nullable = true)
          Object extra,
      @Input(description = "A secret.", required = false, sensitive = true) String secret,
      @Input(description = "Extras.", required = false) Map<String, Object> meta) {

    public Inputs {
      if (text == null) {
        throw new InvalidInputException("text", "is required");
      }
      times = times == null ? 1L : times;
      if (times < 0) {
        throw new InvalidInputException("times", "was set to " + times + ", must be >= 0");
      }
    }
  }

  public sealed interface Result extends Exit<String> permits Success, Empty, Error {}

  @ExitDoc(value = "The echo.", outputExample = "\"hihi\"")
  public record Success(String echo) implements Result, Exit.Successful {}

  @ExitDoc("Nothing to echo.")
  public record Empty() implements Result {}

  @ExitDoc("Unexpected failure, or bad inputs.")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  protected CompletionStage<Result> execute(Inputs inputs) {
    if (inputs.text().equals("throw")) {
      throw new IllegalStateException("asked to throw");
    }
    if (inputs.text().equals("fail-stage")) {
      return CompletableFuture.failedFuture(new IllegalStateException("asked to fail"));
    }
    if (inputs.text().equals("never")) {
      return new CompletableFuture<>();
    }
    if (inputs.text().isEmpty() || inputs.times() == 0) {
      return CompletableFuture.completedFuture(new Empty());
    }
    return CompletableFuture.completedFuture(
        new Success(inputs.text().repeat(inputs.times().intValue())));
  }

  @Override
  protected java.time.Duration deadline(Inputs inputs) {
    return java.time.Duration.ofMillis(100);
  }

  @Override
  protected Result error(MachineError error) {
    return new Error(error);
  }
}
