package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.Locks;
import dev.mpredis.redis.internal.Text;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code release-lock}: ends a lock the caller holds, proven by its token. */
@Describe(
    friendlyName = "Release lock",
    description = "Release a lock taken by acquire-lock, if the token still holds it.",
    extendedDescription =
        "Compares and deletes atomically, in one constant Lua script (EVAL; the name is KEYS[1],"
            + " the token ARGV[1]): the lock is deleted only if it still holds the token, so a"
            + " caller whose lock expired and was taken by another never releases the other's"
            + " lock. The token proves ownership; anyone with it can release. notHeld (exit kind"
            + " OTHER) means the lock had expired, was released, or is held by another token;"
            + " nothing is changed then. A single-master lock is not safe across failover or a"
            + " long pause of the holder (see acquire-lock); no Redlock.",
    sideEffects = SideEffects.IDEMPOTENT)
public final class ReleaseLock extends ConnectionMachine<ReleaseLock.Inputs, ReleaseLock.Result> {

  /** The one instance. */
  public static final ReleaseLock INSTANCE = new ReleaseLock();

  private ReleaseLock() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code release-lock}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "The lock's key, as given to acquire-lock.", example = "\"job:42\"")
          String name,
      @Input(
              description = "The token acquire-lock returned.",
              example = "\"9f86d081884c7d659a2feaa0c55ad015\"")
          String token,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      Checks.required("connection", connection);
      Checks.key("name", name);
      Locks.token("token", token);
    }
  }

  /** The exits of {@code release-lock}. */
  public sealed interface Result extends Exit<Void> permits Success, NotHeld, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success,
        Function<NotHeld, T> notHeld,
        Function<BadConnection, T> badConnection,
        Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof NotHeld n) {
        return notHeld.apply(n);
      } else if (this instanceof BadConnection b) {
        return badConnection.apply(b);
      }
      return error.apply((Error) this);
    }
  }

  /** The lock held the token and is deleted. */
  @ExitDoc("The lock held the token and is released.")
  public record Success() implements Result, Exit.Successful {}

  /** The lock does not hold the token; nothing is changed. */
  @ExitDoc("The lock expired, was released, or is held by another token; nothing is changed.")
  public record NotHeld() implements Result {}

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** Bad inputs, or a failure of the server or connection. */
  @ExitDoc(
      value =
          "Bad inputs (nothing is sent), or a failure of the server or connection (the code says"
              + " which).",
      outputExample = "INVALID_INPUT: token is required")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    return Locks.release(lease, lease.key(inputs.name()), inputs.token())
        .handle(
            (released, failure) -> {
              if (failure != null) {
                return new Error(
                    lease.commandFailure(failure, "release-lock " + Text.quote(inputs.name())));
              }
              return released ? new Success() : new NotHeld();
            });
  }
}
