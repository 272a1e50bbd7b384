package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.ClassifiedFailure;
import dev.mpredis.redis.internal.JsonValues;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.NearReads;
import dev.mpredis.redis.internal.Text;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code cache-value}: stores a value as its JSON text, with an optional time to live. */
@Describe(
    friendlyName = "Cache value",
    description = "Store a value under a key, as JSON, optionally expiring after ttl seconds.",
    extendedDescription =
        "Any JSON value can be stored (a string is stored with its quotes, as the JavaScript"
            + " original does); null, false, 0 and \"\" are values like any other. Value and expiry"
            + " are set in one command (SET ... EX), so a key never exists without the ttl asked"
            + " for. A value that cannot be written as JSON (a cycle, NaN, an object without"
            + " properties) exits error with VALUE_NOT_SERIALIZABLE and nothing is written. Limits"
            + " (the reader's, so whatever is stored can be read back): at most 536870912 bytes of"
            + " JSON (512 MB, Redis's proto-max-bulk-len), nesting at most 1000 deep, numbers of"
            + " at most 1000 digits, object keys of at most 50000 characters; a value beyond them"
            + " exits error with INVALID_INPUT naming the input value and the limit, before"
            + " anything is sent. ttl is at most 3153600000 seconds (100 years).",
    sideEffects = SideEffects.IDEMPOTENT)
public final class CacheValue extends ConnectionMachine<CacheValue.Inputs, CacheValue.Result> {

  // Before INSTANCE: initialized in order, and the machine's constructor may build inputs.
  private static final Long NO_TTL = 0L;

  /** Every success is the same (a record without components): one instance, not one per call. */
  private static final Success SUCCESS = new Success();

  /** The one instance. */
  public static final CacheValue INSTANCE = new CacheValue();

  private CacheValue() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code cache-value}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "The key (non-empty; any Unicode).", example = "\"stuff\"") String key,
      @Input(
              description = "The value: anything JSON can represent, including null.",
              example = "\"things\"",
              type = "json",
              nullable = true)
          Object value,
      @Input(
              description =
                  "Seconds until the value expires; 0 for never; at most 3153600000 (100 years).",
              required = false,
              defaultValue = "0",
              example = "3600")
          Long ttl,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      Checks.key("key", key);
      Checks.ttl("ttl", ttl);
      ttl = ttl == null ? NO_TTL : ttl; // the caller's Long as it is: no new box per call
    }
  }

  /** The exits of {@code cache-value}. */
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

  /** The value is stored. */
  @ExitDoc("The value is stored.")
  public record Success() implements Result, Exit.Successful {}

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /**
   * Unexpected failure, inputs that break the contract, a value that is not serializable, or a
   * server or connection failure (the code says which).
   */
  @ExitDoc(
      value =
          "Unexpected failure, bad inputs, a value that cannot be written as JSON, or a failure"
              + " of the server or connection (the code says which).",
      outputExample = "VALUE_NOT_SERIALIZABLE: the value for key 'k' cannot be written as JSON")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    byte[] json;
    try {
      json = JsonValues.encode("value", inputs.key(), inputs.value());
    } catch (ClassifiedFailure e) {
      return CompletableFuture.completedFuture(new Error(e.error()));
    }
    String key = lease.key(inputs.key());
    CompletionStage<String> set = NearReads.set(lease, key, json, inputs.ttl());
    return set.handle(
        (ok, failure) ->
            failure == null
                ? SUCCESS
                : new Error(
                    lease.commandFailure(
                        failure, "cache-value of key " + Text.quote(inputs.key()))));
  }
}
