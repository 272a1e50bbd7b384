package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.ExitKind;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.ConnectionStrings;
import dev.mpredis.redis.internal.DefaultManager;
import dev.mpredis.redis.internal.MalformedConnectionStringException;
import dev.mpredis.redis.internal.ManagerCreationException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/** {@code create-manager}: validates a connection string and builds a manager (no I/O yet). */
@Describe(
    friendlyName = "Create manager",
    description = "Build a manager for the Redis deployment a connection string names.",
    extendedDescription =
        "Nothing is connected yet: the first get-connection opens the shared connection. The"
            + " grammar of connection strings, with every option and default, is in"
            + " docs/connection-strings.md.",
    sideEffects = SideEffects.NONE)
public final class CreateManager extends Machine<CreateManager.Inputs, CreateManager.Result> {

  /** The one instance. */
  public static final CreateManager INSTANCE = new CreateManager();

  private CreateManager() {
    super(Inputs.class, Result.class, RedisErrorCode::of);
  }

  /** The inputs of {@code create-manager}. */
  public record Inputs(
      @Input(
              description = "Where and how to connect (may hold a password; never printed).",
              example = "redis://127.0.0.1:6379",
              sensitive = true)
          String connectionString,
      @Input(
              description =
                  "Called (on a notifier thread) when a managed connection is lost or fails to"
                      + " reconnect outside any machine call.",
              required = false)
          Consumer<FailureReport> onUnexpectedFailure,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta) {

    public Inputs {
      Checks.required("connectionString", connectionString);
    }

    @Override
    public String toString() {
      return "Inputs[connectionString=(not printed: may hold a password), onUnexpectedFailure="
          + (onUnexpectedFailure != null)
          + "]";
    }
  }

  /** The exits of {@code create-manager}. */
  public sealed interface Result extends Exit<Manager> permits Success, Malformed, Failed, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success,
        Function<Malformed, T> malformed,
        Function<Failed, T> failed,
        Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof Malformed m) {
        return malformed.apply(m);
      } else if (this instanceof Failed f) {
        return failed.apply(f);
      }
      return error.apply((Error) this);
    }
  }

  /** The manager is ready to hand out connections. */
  @ExitDoc("The manager is ready to hand out connections.")
  public record Success(Manager manager) implements Result, Exit.Successful {}

  /** The connection string cannot be parsed, or names an unknown scheme or option. */
  @ExitDoc(
      value = "The connection string cannot be parsed, or names an unknown scheme or option.",
      outputExample = "INVALID_URL: the port must be a number from 1 to 65535",
      kind = ExitKind.INVALID_INPUT)
  public record Malformed(MachineError error) implements Result, Exit.Failed {}

  /** The string is well formed, but no manager can be built from it (unreadable TLS material). */
  @ExitDoc(
      value = "The string is well formed but no manager can be built from it (TLS material).",
      outputExample = "TLS_MATERIAL: caFile '/etc/ca.pem' is not a readable file")
  public record Failed(MachineError error) implements Result, Exit.Failed {}

  /** The {@code error} exit. */
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  protected CompletionStage<Result> execute(Inputs inputs) {
    Result result;
    try {
      result =
          new Success(
              DefaultManager.create(
                  ConnectionStrings.parse(inputs.connectionString()),
                  inputs.onUnexpectedFailure()));
    } catch (MalformedConnectionStringException e) {
      result = new Malformed(MachineError.of(RedisErrorCode.INVALID_URL, e.getMessage()));
    } catch (ManagerCreationException e) {
      result = new Failed(e.error());
    }
    return CompletableFuture.completedFuture(result);
  }
}
