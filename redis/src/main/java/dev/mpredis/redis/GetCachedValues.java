package dev.mpredis.redis;

import com.fasterxml.jackson.databind.JavaType;
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
import dev.mpredis.redis.internal.ErrorClassifier;
import dev.mpredis.redis.internal.JsonValues;
import dev.mpredis.redis.internal.Lease;
import io.lettuce.core.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code get-cached-values}: reads many keys in one go. */
@Describe(
    friendlyName = "Get cached values",
    description = "Read the values stored under many keys at once.",
    extendedDescription =
        "The keys go out as MGET commands of up to 1000 keys. The output says, per key, the value"
            + " or that it was not found; duplicates are read once; an empty list succeeds"
            + " without a round trip. A stored text that is not JSON exits error with"
            + " VALUE_NOT_JSON naming the key. Whatever cache-value writes can be read; a text"
            + " written by someone else beyond the same limits (more than 536870912 bytes, nesting"
            + " deeper than 1000, a number longer than 1000 digits, an object key longer than 50000"
            + " characters) exits error with VALUE_NOT_JSON naming the key and the limit. Integers"
            + " come back as Integer, Long or BigInteger (the smallest that fits), other numbers"
            + " as Double (read as BigDecimal to keep every digit; beyond the double range, as 1e400, Infinity).",
    sideEffects = SideEffects.CACHEABLE)
public final class GetCachedValues
    extends ConnectionMachine<GetCachedValues.Inputs, GetCachedValues.Result> {

  /** The one instance. */
  public static final GetCachedValues INSTANCE = new GetCachedValues();

  private GetCachedValues() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code get-cached-values}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "The keys to read.", example = "[\"user:1\", \"user:2\"]")
          List<String> keys,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      Checks.required("keys", keys);
      keys = java.util.Collections.unmodifiableList(new ArrayList<>(keys));
    }
  }

  /** The exits of {@code get-cached-values}. */
  public sealed interface Result extends Exit<CachedValues>
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

  /** The values found, and the keys not found. */
  @ExitDoc(
      value = "The values of the keys that exist, and the keys that do not.",
      outputExample = "{\"values\": {\"user:1\": {\"name\": \"Ada\"}}, \"notFound\": [\"user:2\"]}")
  public record Success(CachedValues found) implements Result, Exit.Successful {}

  /** A key in the list is null, empty or not valid Unicode; nothing was read. */
  @ExitDoc(
      value = "A key in the list is null, empty or not valid Unicode; nothing was read.",
      outputExample = "INVALID_INPUT: keys[1] must not be empty",
      kind = ExitKind.INVALID_INPUT)
  public record InvalidKeys(MachineError error) implements Result, Exit.Failed {}

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** Unexpected failure, bad inputs, a stored text that is not JSON, or a server failure. */
  @ExitDoc(
      value =
          "Unexpected failure, bad inputs, a stored text that is not JSON (VALUE_NOT_JSON), or a"
              + " failure of the server or connection (the code says which).",
      outputExample = "VALUE_NOT_JSON: the value of key 'k' is not valid JSON")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    return fetch(lease, inputs, null);
  }

  /** Runs the machine, reading every value straight into {@code type} (plain data binding). */
  public CompletionStage<Result> runAsync(Inputs inputs, JavaType type) {
    return guard(() -> onLease(inputs, (lease, checked) -> fetch(lease, checked, type)));
  }

  /**
   * Builds the inputs and runs the machine with every value read as {@code type}, waiting at most
   * the machine's deadline; bad inputs end in the {@code error} exit.
   */
  public Result run(Supplier<Inputs> inputs, JavaType type) {
    return run(inputs, built -> onLease(built, (lease, checked) -> fetch(lease, checked, type)));
  }

  private CompletionStage<Result> fetch(Lease lease, Inputs inputs, JavaType type) {
    MachineError invalid = Checks.keysProblem(inputs.keys());
    if (invalid != null) {
      return CompletableFuture.completedFuture(new InvalidKeys(invalid));
    }
    List<String> keys = new ArrayList<>(new LinkedHashSet<>(inputs.keys()));
    List<String> stored = new ArrayList<>(keys.size());
    for (String key : keys) {
      stored.add(lease.key(key));
    }
    return Batches.each(
            stored, Batches.SIZE, batch -> lease.commands().mget(batch.toArray(new String[0])))
        .handle(
            (replies, failure) ->
                failure != null
                    ? new Error(ErrorClassifier.commandFailure(failure, "get-cached-values"))
                    : decode(keys, replies, type));
  }

  private static Result decode(
      List<String> keys, List<List<KeyValue<String, byte[]>>> batches, JavaType type) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> notFound = new ArrayList<>();
    int index = 0;
    for (List<KeyValue<String, byte[]>> batch : batches) {
      for (KeyValue<String, byte[]> reply : batch) {
        String key = keys.get(index++); // MGET answers in the order asked
        if (!reply.hasValue()) {
          notFound.add(key);
          continue;
        }
        try {
          values.put(key, JsonValues.decode(key, reply.getValue(), type));
        } catch (ClassifiedFailure e) {
          return new Error(e.error());
        }
      }
    }
    return new Success(new CachedValues(values, notFound));
  }
}
