package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.Lease;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code release-connection}: ends a lease; no machine can use it afterwards. */
@Describe(
    friendlyName = "Release connection",
    description = "Give a connection back to its manager; it cannot be used afterwards.",
    extendedDescription =
        "A shared lease is only marked released (the shared connection stays open for other"
            + " leases); a dedicated lease's socket is closed.",
    sideEffects = SideEffects.NONE)
public final class ReleaseConnection
    extends Machine<ReleaseConnection.Inputs, ReleaseConnection.Result> {

  /** The one instance. */
  public static final ReleaseConnection INSTANCE = new ReleaseConnection();

  private ReleaseConnection() {
    super(Inputs.class, Result.class, RedisErrorCode::of);
  }

  /** The inputs of {@code release-connection}. */
  public record Inputs(
      @Input(description = "The connection to release.") Connection connection,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta) {

    public Inputs {
      Checks.required("connection", connection);
    }
  }

  /** The exits of {@code release-connection}. */
  public sealed interface Result extends Exit<Void> permits Success, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success,
        Function<BadConnection, T> badConnection,
        Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof BadConnection b) {
        return badConnection.apply(b);
      }
      return error.apply((Error) this);
    }
  }

  /** The lease is released. */
  @ExitDoc("The lease is released.")
  public record Success() implements Result, Exit.Successful {}

  /** Released already, its manager destroyed, or not a connection of this library. */
  @ExitDoc(
      value = "Released already, its manager destroyed, or not a connection of this library.",
      outputExample = ExitTexts.BAD_CONNECTION_EXAMPLE)
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** Unexpected failure, or inputs that break the contract. */
  @ExitDoc(ExitTexts.ERROR)
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  protected CompletionStage<Result> execute(Inputs inputs) {
    MachineError problem = Lease.problem(inputs.connection());
    if (problem == null && !((Lease) inputs.connection()).release()) {
      problem = Lease.problem(inputs.connection()); // released concurrently
    }
    return CompletableFuture.completedFuture(
        problem == null ? new Success() : new BadConnection(problem));
  }

  @Override
  protected Result error(MachineError error) {
    return new Error(error);
  }
}
