package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.ExitKind;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Batches;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.ClassifiedFailure;
import dev.mpredis.redis.internal.JsonValues;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.NearReads;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code cache-values}: stores many values in one go. */
@Describe(
    friendlyName = "Cache values",
    description = "Store many values at once, as JSON, optionally expiring after ttl seconds.",
    extendedDescription =
        "Every value is written as JSON first; if any cannot be, nothing is written. Without a"
            + " ttl the values go out as MSET commands of up to 1000 keys (each batch atomic; on a"
            + " cluster each batch is split by hash slot, and only the keys of one slot are written"
            + " atomically together);"
            + " with a ttl as pipelined SET ... EX commands, so every key gets its expiry in the"
            + " command that writes it. A failure midway may leave earlier batches written. Each"
            + " value has the limits of cache-value (at most 536870912 bytes of JSON, nesting 1000"
            + " deep, numbers of 1000 digits, object keys of 50000 characters); a value beyond"
            + " them exits error with INVALID_INPUT naming its key and the limit, and nothing is"
            + " written. ttl is at most 3153600000 seconds (100 years).",
    sideEffects = SideEffects.IDEMPOTENT)
public final class CacheValues extends ConnectionMachine<CacheValues.Inputs, CacheValues.Result> {

  /** The one instance. */
  public static final CacheValues INSTANCE = new CacheValues();

  private CacheValues() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code cache-values}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(
              description = "The values by key; each value anything JSON can represent.",
              example = "{\"user:1\": {\"name\": \"Ada\"}, \"user:2\": null}")
          Map<String, Object> values,
      @Input(
              description =
                  "Seconds until the values expire; 0 for never; at most 3153600000 (100 years).",
              required = false,
              defaultValue = "0",
              example = "3600")
          Long ttl,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      values = Checks.stringKeyedCopy("values", values);
      ttl = Checks.ttl("ttl", ttl);
    }
  }

  /** The exits of {@code cache-values}. */
  public sealed interface Result extends Exit<Void>
      permits Success, InvalidKeys, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success,
        Function<InvalidKeys, T> invalidKeys,
        Function<BadConnection, T> badConnection,
        Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof InvalidKeys i) {
        return invalidKeys.apply(i);
      } else if (this instanceof BadConnection b) {
        return badConnection.apply(b);
      }
      return error.apply((Error) this);
    }
  }

  /** Every value is stored. */
  @ExitDoc("Every value is stored.")
  public record Success() implements Result, Exit.Successful {}

  /** A key is null, empty or not valid Unicode; nothing was written. */
  @ExitDoc(
      value = "A key is null, empty or not valid Unicode; nothing was written.",
      outputExample = "INVALID_INPUT: values has a key that must not be empty",
      kind = ExitKind.INVALID_INPUT)
  public record InvalidKeys(MachineError error) implements Result, Exit.Failed {}

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** Unexpected failure, bad inputs, a value that is not serializable, or a server failure. */
  @ExitDoc(
      value =
          "Unexpected failure, bad inputs, a value that cannot be written as JSON (nothing is"
              + " written), or a failure of the server or connection (the code says which).",
      outputExample = "VALUE_NOT_SERIALIZABLE: the value for key 'k' cannot be written as JSON")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    MachineError invalid = Checks.mapKeysProblem("values", inputs.values().keySet());
    if (invalid != null) {
      return CompletableFuture.completedFuture(new InvalidKeys(invalid));
    }
    Map<String, byte[]> encoded;
    try {
      encoded = JsonValues.encodeAll("values", inputs.values(), lease::key);
    } catch (ClassifiedFailure e) {
      return CompletableFuture.completedFuture(new Error(e.error()));
    }
    if (encoded.isEmpty()) {
      return CompletableFuture.completedFuture(new Success());
    }
    return NearReads.forgetOnReply(
            lease, encoded.keySet(), Batches.set(lease.commands(), encoded, inputs.ttl()))
        .handle(
            (ignored, failure) ->
                failure == null
                    ? new Success()
                    : new Error(lease.commandFailure(failure, "cache-values")));
  }
}
