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

/** {@code extend-lock}: gives a lock the caller holds a new ttl, proven by its token. */
@Describe(
    friendlyName = "Extend lock",
    description = "Give a lock taken by acquire-lock a new ttl, if the token still holds it.",
    extendedDescription =
        "Compares and sets the expiry atomically, in one constant Lua script (EVAL; the name is"
            + " KEYS[1], the token ARGV[1], the ttl ARGV[2]; PEXPIRE): the lock then lasts ttl"
            + " milliseconds from now (1 to 86400000, 24 h), whatever was left of the old ttl. A"
            + " holder doing long work extends before its ttl runs out; once it has run out the"
            + " lock may be another's, and extend-lock exits notHeld (exit kind OTHER) and changes"
            + " nothing. The token proves ownership. A single-master lock is not safe across"
            + " failover or a long pause of the holder (see acquire-lock); no Redlock.",
    sideEffects = SideEffects.NONE)
public final class ExtendLock extends ConnectionMachine<ExtendLock.Inputs, ExtendLock.Result> {

  /** The one instance. */
  public static final ExtendLock INSTANCE = new ExtendLock();

  private ExtendLock() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code extend-lock}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "The lock's key, as given to acquire-lock.", example = "\"job:42\"")
          String name,
      @Input(
              description = "The token acquire-lock returned.",
              example = "\"9f86d081884c7d659a2feaa0c55ad015\"")
          String token,
      @Input(
              description = "Milliseconds the lock lasts from now: 1 to 86400000 (24 h).",
              example = "30000")
          Long ttl,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      Checks.required("connection", connection);
      Checks.key("name", name);
      Locks.token("token", token);
      ttl = Locks.ttl("ttl", ttl);
    }
  }

  /** The exits of {@code extend-lock}. */
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

  /** The lock held the token and now lasts ttl from now. */
  @ExitDoc("The lock held the token and now lasts ttl milliseconds from now.")
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
    return Locks.extend(lease, lease.key(inputs.name()), inputs.token(), inputs.ttl())
        .handle(
            (extended, failure) -> {
              if (failure != null) {
                return new Error(
                    lease.commandFailure(failure, "extend-lock " + Text.quote(inputs.name())));
              }
              return extended ? new Success() : new NotHeld();
            });
  }
}
