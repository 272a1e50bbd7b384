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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code acquire-lock}: takes a named lock for a ttl, waiting for it at most {@code maxWait}. */
@Describe(
    friendlyName = "Acquire lock",
    description =
        "Take a named lock for ttl milliseconds, waiting for it at most maxWait milliseconds.",
    extendedDescription =
        "Runs SET name token NX PX ttl, where token is 128 random bits (32 hex digits) made by"
            + " this library for this call; the token proves ownership: release-lock and"
            + " extend-lock act only for the caller that gives it. ttl is in milliseconds, 1 to"
            + " 86400000 (24 h); the lock ends by itself after it unless extended. maxWait (wait is"
            + " a reserved name in Java records) is in milliseconds, 0 (the default: try once) to 60000: while another holder has the"
            + " lock the SET is tried again after 10 ms, doubling up to 200 ms, with a last try at"
            + " the end of the wait; no thread is blocked meanwhile, and each try is one command"
            + " within commandTimeout. notAcquired (exit kind OTHER, exit status 5 on the command"
            + " line) means someone else held the lock at the last try. Not safe across failover,"
            + " and no Redlock: the lock lives on one master; a replica promoted before the SET"
            + " reached it does not have it, so two callers can then hold it. Nor does it protect"
            + " against a holder that pauses (a long GC, a stopped process, a clock jump) past the"
            + " ttl: the lock expires and another caller takes it while the first still thinks it"
            + " holds it. Use it for efficiency (avoid doing work twice), not where two holders"
            + " would corrupt data, unless the protected resource checks a fencing token itself.",
    sideEffects = SideEffects.NONE)
public final class AcquireLock extends ConnectionMachine<AcquireLock.Inputs, AcquireLock.Result> {

  /** The one instance. */
  public static final AcquireLock INSTANCE = new AcquireLock();

  private AcquireLock() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code acquire-lock}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(
              description = "The lock's key (non-empty; the manager's namespace applies).",
              example = "\"job:42\"")
          String name,
      @Input(
              description = "Milliseconds the lock lasts unless extended: 1 to 86400000 (24 h).",
              example = "30000")
          Long ttl,
      @Input(
              description =
                  "Milliseconds to wait while another holder has the lock: 0 (try once) to 60000.",
              required = false,
              defaultValue = "0",
              example = "5000")
          Long maxWait,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      Checks.required("connection", connection);
      Checks.key("name", name);
      ttl = Locks.ttl("ttl", ttl);
      maxWait = Locks.waitMillis("maxWait", maxWait);
    }
  }

  /** The exits of {@code acquire-lock}. */
  public sealed interface Result extends Exit<String>
      permits Success, NotAcquired, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success,
        Function<NotAcquired, T> notAcquired,
        Function<BadConnection, T> badConnection,
        Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof NotAcquired n) {
        return notAcquired.apply(n);
      } else if (this instanceof BadConnection b) {
        return badConnection.apply(b);
      }
      return error.apply((Error) this);
    }
  }

  /** The caller holds the lock; the token releases or extends it. */
  @ExitDoc(
      value = "The caller holds the lock; keep the token to release or extend it.",
      outputExample = "{\"token\": \"9f86d081884c7d659a2feaa0c55ad015\"}")
  public record Success(String token) implements Result, Exit.Successful {}

  /** Another holder had the lock at the last try. */
  @ExitDoc("Another holder had the lock at the last try (after the wait, if any).")
  public record NotAcquired() implements Result {}

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** Bad inputs, or a failure of the server or connection. */
  @ExitDoc(
      value =
          "Bad inputs (nothing is sent), or a failure of the server or connection (the code says"
              + " which; after COMMAND_TIMEOUT or CONNECTION_LOST the lock may have been taken"
              + " and ends with its ttl).",
      outputExample = "INVALID_INPUT: ttl was set to 0, must be from 1 to 86400000 milliseconds")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  /** The synchronous face waits for the whole wait, and more. */
  @Override
  protected Duration deadline(Inputs inputs) {
    return DEFAULT_DEADLINE.plusMillis(inputs.maxWait());
  }

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    String token = Locks.newToken();
    return Locks.acquire(lease, inputs.name(), token, inputs.ttl(), inputs.maxWait())
        .handle(
            (acquired, failure) ->
                failure != null
                    ? new Error(
                        lease.commandFailure(failure, "acquire-lock " + Text.quote(inputs.name())))
                    : acquired ? new Success(token) : new NotAcquired());
  }
}
