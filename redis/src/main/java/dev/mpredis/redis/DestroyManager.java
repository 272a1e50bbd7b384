package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.InvalidInputException;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.MachineObserver;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.ClassifiedFailure;
import dev.mpredis.redis.internal.DefaultManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code destroy-manager}: ends every lease, closes every connection, stops every thread. */
@Describe(
    friendlyName = "Destroy manager",
    description = "Release every connection the manager still tracks and free all its resources.",
    extendedDescription =
        "Afterwards every machine given the manager or one of its connections exits failed or"
            + " badConnection at once, without touching the network.",
    sideEffects = SideEffects.NONE)
public final class DestroyManager extends Machine<DestroyManager.Inputs, DestroyManager.Result> {

  /** The one instance. */
  public static final DestroyManager INSTANCE = new DestroyManager();

  private DestroyManager() {
    super(Inputs.class, Result.class, RedisErrorCode::of);
  }

  /** The inputs of {@code destroy-manager}. */
  public record Inputs(
      @Input(description = "The manager to destroy.") Manager manager,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta) {

    public Inputs {
      Checks.required("manager", manager);
      if (!(manager instanceof DefaultManager)) {
        throw new InvalidInputException("manager", "is not a manager of this library");
      }
    }
  }

  /** The exits of {@code destroy-manager}. */
  public sealed interface Result extends Exit<Void> permits Success, Failed, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success, Function<Failed, T> failed, Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof Failed f) {
        return failed.apply(f);
      }
      return error.apply((Error) this);
    }
  }

  /** Everything the manager owned is released. */
  @ExitDoc("Everything the manager owned is released.")
  public record Success() implements Result, Exit.Successful {}

  /** The manager was destroyed already, or did not stop in time. */
  @ExitDoc(
      value = "The manager was destroyed already, or its client did not stop in time.",
      outputExample = "MANAGER_DESTROYED: the manager for redis://127.0.0.1:6379/0 was destroyed")
  public record Failed(MachineError error) implements Result, Exit.Failed {}

  /** The {@code error} exit. */
  public record Error(MachineError error) implements Result, Exit.Failed {}

  /** The manager's observer. */
  @Override
  protected MachineObserver observer(Inputs inputs) {
    return ((DefaultManager) inputs.manager()).observer();
  }

  @Override
  protected CompletionStage<Result> execute(Inputs inputs) {
    return ((DefaultManager) inputs.manager())
        .destroy()
        .handle(
            (ignored, failure) -> {
              if (failure == null) {
                return new Success();
              }
              MachineError error = ClassifiedFailure.errorOf(failure);
              if (error == null) {
                throw new java.util.concurrent.CompletionException(failure);
              }
              return new Failed(error);
            });
  }

  @Override
  protected Duration deadline(Inputs inputs) {
    return DefaultManager.SHUTDOWN_TIMEOUT.plusSeconds(2);
  }
}
