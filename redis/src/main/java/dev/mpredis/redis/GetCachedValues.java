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
import dev.mpredis.redis.internal.DecodedValues;
import dev.mpredis.redis.internal.JsonValues;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.NearReads;
import io.lettuce.core.KeyValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  /**
   * As {@link #runAsync(Inputs, ReadAs)}, building the inputs and waiting for the exit; the values
   * are decoded while later replies are still being read, half of them on the calling thread.
   */
  public <T> Result<T> run(Supplier<Inputs> inputs, ReadAs<T> type) {
    return retyped(runOnLease(inputs, type, this::fetchHere));
  }

  @Override
  CompletionStage<Result<Object>> workWaiting(Lease lease, Inputs inputs) {
    return fetchHere(lease, inputs, null);
  }

  /**
   * {@link #fetch} for a caller that waits: the values are decoded on two threads while later
   * replies are still being read, this one (the first batch and every other one after it) and the
   * I/O thread (the rest, each as it arrives), instead of the I/O thread decoding them all after
   * the last reply. Decoding is most of a bulk read's work. With a near cache, {@link #fetch}: its
   * keys are answered one by one.
   */
  private CompletionStage<Result<Object>> fetchHere(Lease lease, Inputs inputs, JavaType type) {
    if (lease.manager().nearCache() != null) {
      return fetch(lease, inputs, type);
    }
    MachineError invalid = Checks.keysProblem(inputs.keys());
    if (invalid != null) {
      return CompletableFuture.completedFuture(new InvalidKeys<>(invalid));
    }
    List<String> keys = new ArrayList<>(new LinkedHashSet<>(inputs.keys()));
    List<CompletableFuture<List<KeyValue<String, byte[]>>>> sent = mget(lease, lease.keys(keys));
    DecodedValues decoded = new DecodedValues(keys, type);
    List<CompletableFuture<DecodedValues.Part>> onIoThread = new ArrayList<>(sent.size() / 2);
    for (int i = 1; i < sent.size(); i += 2) {
      int from = i * Batches.SIZE;
      onIoThread.add(sent.get(i).thenApply(replies -> decoded.part(from, replies)));
    }
    Duration deadline = deadline(inputs);
    long until = System.nanoTime() + deadline.toNanos();
    try {
      for (int i = 0; i < sent.size(); i++) {
        long left = until - System.nanoTime();
        if (i % 2 == 0) {
          decoded.add(sent.get(i).get(left, TimeUnit.NANOSECONDS));
        } else {
          decoded.add(onIoThread.get(i / 2).get(left, TimeUnit.NANOSECONDS));
        }
      }
      return CompletableFuture.completedFuture(new Success<>(decoded.result()));
    } catch (ExecutionException e) {
      return CompletableFuture.completedFuture(
          new Error<>(lease.commandFailure(e.getCause(), "get-cached-values")));
    } catch (ClassifiedFailure e) {
      return CompletableFuture.completedFuture(new Error<>(e.error()));
    } catch (TimeoutException e) {
      return CompletableFuture.completedFuture(late(deadline, e));
    } catch (InterruptedException e) {
      // The waiting face's own wait sees the interrupt at once and reports it as it always does.
      Thread.currentThread().interrupt();
      return decoded(lease, keys, Batches.all(sent), type);
    }
  }

  private CompletionStage<Result<Object>> fetch(Lease lease, Inputs inputs, JavaType type) {
    MachineError invalid = Checks.keysProblem(inputs.keys());
    if (invalid != null) {
      return CompletableFuture.completedFuture(new InvalidKeys<>(invalid));
    }
    List<String> keys = new ArrayList<>(new LinkedHashSet<>(inputs.keys()));
    List<String> stored = lease.keys(keys);
    return decoded(
        lease, keys, NearReads.getAll(lease, stored, () -> Batches.all(mget(lease, stored))), type);
  }

  /** MGET of {@code stored} keys in batches, all sent at once. */
  private static List<CompletableFuture<List<KeyValue<String, byte[]>>>> mget(
      Lease lease, List<String> stored) {
    return Batches.send(
        stored, Batches.SIZE, batch -> lease.commands().mget(batch.toArray(new String[0])));
  }

  /** The exit for the MGET {@code replies} to {@code keys}, decoded once all have arrived. */
  private static CompletionStage<Result<Object>> decoded(
      Lease lease,
      List<String> keys,
      CompletionStage<List<List<KeyValue<String, byte[]>>>> replies,
      JavaType type) {
    return replies.handle(
        (batches, failure) -> {
          if (failure != null) {
            return new Error<>(lease.commandFailure(failure, "get-cached-values"));
          }
          try {
            return new Success<>(JsonValues.decodeAll(keys, batches, type));
          } catch (ClassifiedFailure e) {
            return new Error<>(e.error());
          }
        });
  }
}
