package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.ExitKind;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.CacheAside;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.Locks;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code get-or-cache-value}: cache-aside in one call, computing a missing value only once. */
@Describe(
    friendlyName = "Get or cache value",
    description = "Read a key's value, or compute it once across callers, store it and return it.",
    extendedDescription =
        "A hit is one GET. On a miss the caller takes the lock key:mp-lock (SET NX PX lockTtl, a"
            + " random token), reads again, calls compute, stores its value as cache-value does and"
            + " releases the lock (compare-and-delete). A caller that finds the lock taken polls"
            + " (10 to 100 ms apart, jittered) for at most maxWait: it returns the value once"
            + " stored, or takes over when the lock is free (its holder failed, died or ran past"
            + " lockTtl). So the function runs once per miss across processes while lockTtl"
            + " outlasts it; a throw exits computeFailed, caches nothing and frees the lock at"
            + " once. compute is a Callable (a CompletionStage it returns is awaited), run on the"
            + " caller's thread by the typed synchronous face, else on a new thread, never on an"
            + " I/O thread. Not guaranteed: a holder paused (GC, a stopped process) or slower than"
            + " lockTtl, or a failover that loses the lock, lets a second caller compute; the last"
            + " value stored wins. On a cluster the lock shares the key's slot only if the key has"
            + " a hash tag. "
            + ValueTexts.READ_LIMITS,
    sideEffects = SideEffects.NONE)
public final class GetOrCacheValue
    extends ConnectionMachine<GetOrCacheValue.Inputs, GetOrCacheValue.Result<Object>> {

  /** The one instance. */
  public static final GetOrCacheValue INSTANCE = new GetOrCacheValue();

  @SuppressWarnings("unchecked") // the dynamic face's results hold plain JSON data
  private GetOrCacheValue() {
    super(Inputs.class, (Class<Result<Object>>) (Class<?>) Result.class);
  }

  /** The inputs of {@code get-or-cache-value}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "The key (non-empty; any Unicode).", example = "\"user:42\"") String key,
      @Input(description = "Computes the value on a miss.", type = "function") Callable<?> compute,
      @Input(
              description = "Seconds a computed value lasts; 0 for ever; at most 100 years.",
              required = false,
              defaultValue = "0",
              example = "3600")
          Long ttl,
      @Input(
              description = "Milliseconds the lock lasts while the function runs: 1 to 86400000.",
              required = false,
              defaultValue = "5000")
          Long lockTtl,
      @Input(
              description =
                  "Milliseconds to wait while another caller computes: 0 to 60000; more than"
                      + " lockTtl outlasts a dead holder.",
              required = false,
              defaultValue = "10000")
          Long maxWait,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      Checks.key("key", key);
      Checks.required("compute", compute);
      ttl = Checks.ttl("ttl", ttl);
      lockTtl = lockTtl == null ? 5_000L : Locks.ttl("lockTtl", lockTtl);
      maxWait = maxWait == null ? 10_000L : Locks.waitMillis("maxWait", maxWait);
    }
  }

  /**
   * The exits; {@code T} is the type the value was read as ({@code Object}: plain JSON data).
   * Handle every exit ({@code switch} on Java 21+, or {@link #match}), or take {@link #orThrow()}.
   *
   * @param <T> the type of the value
   */
  public sealed interface Result<T> extends Exit<ObtainedValue<T>>
      permits Success, ComputeFailed, TimedOut, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <U> U match(
        Function<? super Success<T>, ? extends U> success,
        Function<? super ComputeFailed<T>, ? extends U> computeFailed,
        Function<? super TimedOut<T>, ? extends U> timedOut,
        Function<? super BadConnection<T>, ? extends U> badConnection,
        Function<? super Error<T>, ? extends U> error) {
      if (this instanceof Success<T> s) {
        return success.apply(s);
      } else if (this instanceof ComputeFailed<T> c) {
        return computeFailed.apply(c);
      } else if (this instanceof TimedOut<T> t) {
        return timedOut.apply(t);
      } else if (this instanceof BadConnection<T> b) {
        return badConnection.apply(b);
      }
      return error.apply((Error<T>) this);
    }
  }

  /** The value, from the cache or computed by this call. */
  @ExitDoc(
      value = "The value, from the cache or computed (and stored) by this call's function.",
      outputExample = "{\"value\": {\"name\": \"Ada\"}, \"computed\": true}")
  public record Success<T>(ObtainedValue<T> obtained) implements Result<T>, Exit.Successful {}

  /** The function threw or its stage failed; nothing was cached, the lock is released. */
  @ExitDoc(
      value = "The function threw or its stage failed; nothing was cached, the lock is released.",
      outputExample = "COMPUTE_FAILED: the function computing key 'k' failed: IOException 'down'",
      kind = ExitKind.FAILED)
  public record ComputeFailed<T>(MachineError error) implements Result<T>, Exit.Failed {}

  /** Another caller held the lock for the whole of maxWait and no value arrived. */
  @ExitDoc(
      value = "Another caller held the lock for the whole of maxWait and no value arrived.",
      outputExample = "LOCK_WAIT_TIMED_OUT: ... another caller held the lock for the whole wait")
  public record TimedOut<T>(MachineError error) implements Result<T>, Exit.Failed {}

  /** The {@code badConnection} exit. */
  public record BadConnection<T>(MachineError error) implements Result<T>, Exit.Failed {}

  /** Bad inputs, a value that is not JSON either way, or a failure of the server or connection. */
  @ExitDoc(
      value =
          "Bad inputs, a stored text that is not JSON, a computed value that cannot be written as"
              + " JSON (nothing cached), or a failure of the server or connection.",
      outputExample = "VALUE_NOT_SERIALIZABLE: the value for key 'k' cannot be written as JSON")
  public record Error<T>(MachineError error) implements Result<T>, Exit.Failed {}

  /** The synchronous faces wait for the whole wait and the lock's ttl, and more. */
  @Override
  protected Duration deadline(Inputs inputs) {
    return DEFAULT_DEADLINE.plusMillis(inputs.maxWait() + inputs.lockTtl());
  }

  @Override
  CompletionStage<Result<Object>> work(Lease lease, Inputs inputs) {
    return CacheAside.onOwnThread(lease, inputs, null);
  }

  /**
   * Runs the machine reading a hit as {@code type} (plain data binding, never polymorphic), calling
   * the function on a thread of its own; bad inputs are the error exit; never fails its stage.
   */
  public <T> CompletionStage<Result<T>> runAsync(Supplier<Inputs> inputs, ReadAs<T> type) {
    return retyped(guard(() -> runAsyncOnLease(inputs.get(), type, CacheAside::onOwnThread)));
  }

  /** As {@link #runAsync(Supplier, ReadAs)}, calling the function on this thread, and waiting. */
  public <T> Result<T> run(Supplier<Inputs> inputs, ReadAs<T> type) {
    return retyped(
        runOnLease(
            inputs, type, (lease, in, as) -> CacheAside.onThisThread(lease, in, as, deadline(in))));
  }
}
