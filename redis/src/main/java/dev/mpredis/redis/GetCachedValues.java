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
import dev.mpredis.redis.internal.JsonValues;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.NearReads;
import java.util.ArrayList;
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
        "The keys go out as MGET commands of up to 1000 keys (on a cluster split by hash slot, so"
            + " the values of different slots are read at slightly different moments). The output"
            + " says, per key, the value"
            + " or that it was not found; duplicates are read once; an empty list succeeds"
            + " without a round trip. A stored text that is not JSON exits error with"
            + " VALUE_NOT_JSON naming the key. "
            + ValueTexts.READ_LIMITS,
    sideEffects = SideEffects.CACHEABLE)
public final class GetCachedValues
    extends ConnectionMachine<GetCachedValues.Inputs, GetCachedValues.Result<Object>> {

  /** The one instance. */
  public static final GetCachedValues INSTANCE = new GetCachedValues();

  @SuppressWarnings("unchecked") // the dynamic face's results hold plain JSON data
  private GetCachedValues() {
    super(Inputs.class, (Class<Result<Object>>) (Class<?>) Result.class);
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
      keys = Checks.keyListCopy("keys", keys);
    }
  }

  /**
   * The exits; {@code T} is the type the values were read as ({@code Object}, plain JSON data).
   *
   * @param <T> the type of the values
   */
  public sealed interface Result<T> extends Exit<CachedValues<T>>
      permits Success, InvalidKeys, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <U> U match(
        Function<? super Success<T>, ? extends U> success,
        Function<? super InvalidKeys<T>, ? extends U> invalidKeys,
        Function<? super BadConnection<T>, ? extends U> badConnection,
        Function<? super Error<T>, ? extends U> error) {
      if (this instanceof Success<T> s) {
        return success.apply(s);
      } else if (this instanceof InvalidKeys<T> i) {
        return invalidKeys.apply(i);
      } else if (this instanceof BadConnection<T> b) {
        return badConnection.apply(b);
      }
      return error.apply((Error<T>) this);
    }
  }

  /** The values found, and the keys not found. */
  @ExitDoc(
      value = "The values of the keys that exist, and the keys that do not.",
      outputExample = "{\"values\": {\"user:1\": {\"name\": \"Ada\"}}, \"notFound\": [\"user:2\"]}")
  public record Success<T>(CachedValues<T> found) implements Result<T>, Exit.Successful {}

  /** A key in the list is null, empty or not valid Unicode; nothing was read. */
  @ExitDoc(
      value = "A key in the list is null, empty or not valid Unicode; nothing was read.",
      outputExample = "INVALID_INPUT: keys[1] must not be empty",
      kind = ExitKind.INVALID_INPUT)
  public record InvalidKeys<T>(MachineError error) implements Result<T>, Exit.Failed {}

  /** The {@code badConnection} exit. */
  public record BadConnection<T>(MachineError error) implements Result<T>, Exit.Failed {}

  /** Unexpected failure, bad inputs, a stored text that is not JSON, or a server failure. */
  @ExitDoc(
      value =
          "Unexpected failure, bad inputs, a stored text that is not JSON (VALUE_NOT_JSON), or a"
              + " failure of the server or connection (the code says which).",
      outputExample = "VALUE_NOT_JSON: the value of key 'k' is not valid JSON")
  public record Error<T>(MachineError error) implements Result<T>, Exit.Failed {}

  @Override
  CompletionStage<Result<Object>> work(Lease lease, Inputs inputs) {
    return fetch(lease, inputs, null);
  }

  /** Runs the machine reading every value as {@code type}; never fails its stage. */
  public <T> CompletionStage<Result<T>> runAsync(Inputs inputs, ReadAs<T> type) {
    return retyped(runAsyncOnLease(inputs, type, this::fetch));
  }

  /** As {@link #runAsync(Inputs, ReadAs)}, building the inputs and waiting for the exit. */
  public <T> Result<T> run(Supplier<Inputs> inputs, ReadAs<T> type) {
    return retyped(runOnLease(inputs, type, this::fetch));
  }

  private CompletionStage<Result<Object>> fetch(Lease lease, Inputs inputs, JavaType type) {
    MachineError invalid = Checks.keysProblem(inputs.keys());
    if (invalid != null) {
      return CompletableFuture.completedFuture(new InvalidKeys<>(invalid));
    }
    List<String> keys = new ArrayList<>(new LinkedHashSet<>(inputs.keys()));
    List<String> stored = lease.keys(keys);
    return NearReads.getAll(
            lease,
            stored,
            () ->
                Batches.each(
                    stored,
                    Batches.SIZE,
                    batch -> lease.commands().mget(batch.toArray(new String[0]))))
        .handle(
            (replies, failure) -> {
              if (failure != null) {
                return new Error<>(lease.commandFailure(failure, "get-cached-values"));
              }
              try {
                return new Success<>(JsonValues.decodeAll(keys, replies, type));
              } catch (ClassifiedFailure e) {
                return new Error<>(e.error());
              }
            });
  }
}
