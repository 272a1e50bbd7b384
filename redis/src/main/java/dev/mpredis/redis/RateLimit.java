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
import dev.mpredis.redis.internal.NearReads;
import dev.mpredis.redis.internal.Text;
import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code rate-limit}: takes tokens of a named fixed-window limit, atomically. */
@Describe(
    friendlyName = "Rate limit",
    description = "Take cost tokens of a named limit of limit tokens per window milliseconds.",
    extendedDescription =
        "A fixed window, in one constant Lua script (EVAL; the name is KEYS[1], limit, cost and"
            + " window are ARGV): the key counts the tokens taken in the current window and"
            + " expires when the window ends (the first call of a window starts it). If cost more"
            + " tokens fit, they are taken: allowed true, remaining what is left, retryAfter 0;"
            + " else nothing is taken: allowed false, remaining what is left, retryAfter the"
            + " milliseconds until the window ends. All or nothing: a denied call takes no"
            + " tokens. A fixed window lets up to twice the limit through around a window's end"
            + " (the end of one window and the start of the next). The server's clock decides"
            + " the windows, so callers in many processes share one limit. A name that holds"
            + " something other than a count exits error.",
    sideEffects = SideEffects.NONE)
public final class RateLimit extends ConnectionMachine<RateLimit.Inputs, RateLimit.Result> {

  /** The one instance. */
  public static final RateLimit INSTANCE = new RateLimit();

  /** Largest {@code limit}. */
  public static final int MAX_LIMIT = 1_000_000_000;

  private RateLimit() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code rate-limit}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(
              description = "The limit's key (non-empty; the manager's namespace applies).",
              example = "\"api:user:7\"")
          String name,
      @Input(description = "Tokens per window: 1 to 1000000000.", example = "100") Integer limit,
      @Input(description = "The window in milliseconds: 1 to 86400000 (24 h).", example = "60000")
          Long window,
      @Input(
              description = "Tokens this call takes: 1 to limit.",
              required = false,
              defaultValue = "1",
              example = "1")
          Integer cost,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      Checks.required("connection", connection);
      Checks.key("name", name);
      limit = Checks.range("limit", Checks.required("limit", limit), 1, MAX_LIMIT, 1);
      window = Locks.ttl("window", window);
      cost = Checks.range("cost", cost, 1, limit, 1);
    }
  }

  /** The exits of {@code rate-limit}. */
  public sealed interface Result extends Exit<RateDecision> permits Success, BadConnection, Error {

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

  /** The decision: allowed or not, what remains, when to try again. */
  @ExitDoc(
      value = "The decision: whether the tokens were taken, what remains, when to retry.",
      outputExample = "{\"allowed\": false, \"remaining\": 0, \"retryAfter\": 1250}")
  public record Success(RateDecision decision) implements Result, Exit.Successful {}

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** Bad inputs, a name holding something else, or a failure of the server or connection. */
  @ExitDoc(
      value =
          "Bad inputs (nothing is sent), a name that holds something other than a count, or a"
              + " failure of the server or connection (the code says which).",
      outputExample = "INVALID_INPUT: cost was set to 5, must be from 1 to 3")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    String key = lease.key(inputs.name());
    CompletionStage<List<Object>> reply =
        NearReads.forgetOnReply(
            lease,
            key,
            lease
                .commands()
                .eval(
                    Locks.RATE_LIMIT,
                    ScriptOutputType.MULTI,
                    new String[] {key},
                    Locks.bytes(Integer.toString(inputs.limit())),
                    Locks.bytes(Integer.toString(inputs.cost())),
                    Locks.bytes(Long.toString(inputs.window()))));
    return reply.handle(
        (values, failure) ->
            failure == null
                ? new Success(
                    new RateDecision(
                        ((Number) values.get(0)).longValue() == 1,
                        ((Number) values.get(1)).longValue(),
                        ((Number) values.get(2)).longValue()))
                : new Error(
                    lease.commandFailure(failure, "rate-limit " + Text.quote(inputs.name()))));
  }
}
