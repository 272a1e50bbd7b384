package dev.mpredis.redis.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.mpredis.machine.Failures;
import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.GetOrCacheValue;
import dev.mpredis.redis.GetOrCacheValue.Result;
import dev.mpredis.redis.ObtainedValue;
import dev.mpredis.redis.RedisErrorCode;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The engine of {@code get-or-cache-value}, one {@link Attempt} per call, every step one single-key
 * command and no thread blocked:
 *
 * <ol>
 *   <li>{@code GET key}: a value is a hit;
 *   <li>else {@code SET lockKey token NX PX lockTtl} (the token and rules of {@link Locks});
 *   <li>taken: {@code GET key} again (a holder that finished between 1 and 2 stored its value
 *       before it released the lock, so this read sees it), then the function, {@code SET key json
 *       [EX ttl]}, and the holder-only release ({@link Locks#release}); a function that fails, or a
 *       value that cannot be stored, releases the lock at once and stores nothing;
 *   <li>not taken: another caller computes; pause (10 ms doubling to 100 ms, each pause shortened
 *       by a random part up to half so that waiters do not poll in step), then 1 again, until the
 *       value is there, the lock is free (a holder that failed, died or outlived its lock ttl: this
 *       caller takes over) or {@code maxWait} has passed, with a last try at its end.
 * </ol>
 *
 * <p>The lock key is the key followed by {@value #LOCK_SUFFIX}, in the manager's namespace; on a
 * cluster it shares the key's hash slot only when the key has a hash tag. That is harmless: no step
 * touches both keys at once. Stateless and thread-safe.
 */
public final class CacheAside {

  /** What follows a key to name its compute lock. */
  public static final String LOCK_SUFFIX = ":mp-lock";

  /** The first pause of a waiter, and the longest. */
  static final long FIRST_PAUSE_MILLIS = 10, MAX_PAUSE_MILLIS = 100;

  /**
   * Calls a compute function. The stage completes with what the function returned (a returned
   * {@link CompletionStage} is awaited) or fails with what it threw; it never runs the function on
   * an I/O thread of a connection.
   */
  public interface Invoker {
    /** Calls {@code compute} once. */
    CompletionStage<Object> call(Callable<?> compute);
  }

  /** Calls each function on a new daemon thread of its own, named {@code mp-redis-compute}. */
  public static final Invoker OWN_THREAD =
      compute -> {
        CompletableFuture<Object> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> callInto(compute, done), "mp-redis-compute");
        thread.setDaemon(true);
        thread.start();
        return done;
      };

  private CacheAside() {}

  /**
   * Runs one call, the function on a thread of its own ({@link #OWN_THREAD}), a hit read as {@code
   * type} ({@code null}: plain JSON data). The stage fails only for a bug (the machine's error
   * exit).
   */
  public static CompletionStage<Result<Object>> onOwnThread(
      Lease lease, GetOrCacheValue.Inputs call, JavaType type) {
    return new Attempt(lease, call, type, OWN_THREAD).start();
  }

  /**
   * Runs one call, the function on this thread ({@link CallerTurn}), waiting at most {@code
   * deadline} for its turn; returns the call's stage once the function has run or is not needed.
   */
  public static CompletionStage<Result<Object>> onThisThread(
      Lease lease, GetOrCacheValue.Inputs call, JavaType type, Duration deadline) {
    CallerTurn turn = new CallerTurn();
    return turn.serve(new Attempt(lease, call, type, turn).start(), deadline);
  }

  /**
   * Calls {@code compute} here and completes {@code done} with its outcome; rethrows a fatal error
   * after completing {@code done}.
   */
  static void callInto(Callable<?> compute, CompletableFuture<Object> done) {
    Object value;
    try {
      value = compute.call();
    } catch (Throwable failure) {
      done.completeExceptionally(failure);
      Failures.rethrowIfFatal(failure);
      return;
    }
    if (value instanceof CompletionStage<?> stage) {
      stage.whenComplete((v, f) -> complete(done, v, f));
    } else {
      done.complete(value);
    }
  }

  private static void complete(CompletableFuture<Object> done, Object value, Throwable failure) {
    if (failure != null) {
      done.completeExceptionally(failure);
    } else {
      done.complete(value);
    }
  }

  /** One call's steps; each continues the next from a command's reply. */
  private static final class Attempt {

    private final Lease lease;
    private final GetOrCacheValue.Inputs call;
    private final JavaType type;
    private final Invoker invoker;
    private final String storedKey;
    private final String lockKey;
    private final String token = Locks.newToken();
    private final SetArgs lockArgs;
    private final long deadline;
    private final CompletableFuture<Result<Object>> done = new CompletableFuture<>();

    Attempt(Lease lease, GetOrCacheValue.Inputs call, JavaType type, Invoker invoker) {
      this.lease = lease;
      this.call = call;
      this.type = type;
      this.invoker = invoker;
      this.storedKey = lease.key(call.key());
      this.lockKey = lease.key(call.key() + LOCK_SUFFIX);
      this.lockArgs = SetArgs.Builder.nx().px(call.lockTtl());
      this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(call.maxWait());
    }

    CompletableFuture<Result<Object>> start() {
      poll(FIRST_PAUSE_MILLIS);
      return done;
    }

    /** Step 1 and 2: read; on a miss, try the lock. */
    private void poll(long pause) {
      then(
          () -> NearReads.get(lease, storedKey),
          (json, failure) -> {
            if (failure != null) {
              done.complete(failed(failure));
            } else if (json != null) {
              done.complete(found(json));
            } else {
              then(
                  () -> lease.commands().set(lockKey, Locks.bytes(token), lockArgs),
                  (reply, refused) -> {
                    if (refused != null) {
                      done.complete(failed(refused));
                    } else if ("OK".equals(reply)) {
                      readAgain();
                    } else {
                      waitOrTimeOut(pause);
                    }
                  });
            }
          });
    }

    /** Step 4: another caller holds the lock. */
    private void waitOrTimeOut(long pause) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        done.complete(timedOut());
        return;
      }
      long jittered = pause - ThreadLocalRandom.current().nextLong(pause / 2 + 1);
      CompletableFuture.delayedExecutor(Math.min(jittered, left), TimeUnit.MILLISECONDS)
          .execute(() -> poll(Math.min(pause * 2, MAX_PAUSE_MILLIS)));
    }

    /** Step 3: the lock is ours; a holder that finished meanwhile left its value. */
    private void readAgain() {
      then(
          () -> NearReads.get(lease, storedKey),
          (json, failure) -> {
            if (failure != null) {
              releaseThen(failed(failure));
            } else if (json != null) {
              releaseThen(found(json));
            } else {
              compute();
            }
          });
    }

    private void compute() {
      then(
          () -> invoker.call(call.compute()),
          (computed, failure) -> {
            if (failure != null) {
              releaseThen(computeFailed(Failures.unwrap(failure)));
            } else {
              store(computed);
            }
          });
    }

    private void store(Object value) {
      byte[] json;
      try {
        json = JsonValues.encode("compute", call.key(), value);
      } catch (ClassifiedFailure e) {
        releaseThen(new GetOrCacheValue.Error<>(e.error()));
        return;
      }
      then(
          () -> NearReads.set(lease, storedKey, json, call.ttl()),
          (ok, failure) ->
              releaseThen(
                  failure != null
                      ? failed(failure)
                      : new GetOrCacheValue.Success<>(new ObtainedValue<>(value, true))));
    }

    /**
     * Releases the lock if it still holds this call's token, then ends with {@code result}. A
     * failed release changes nothing for the caller: the lock then ends with its ttl.
     */
    private void releaseThen(Result<Object> result) {
      then(
          () -> Locks.release(lease, lockKey, token), (released, failure) -> done.complete(result));
    }

    private Result<Object> found(byte[] json) {
      try {
        return new GetOrCacheValue.Success<>(
            new ObtainedValue<>(JsonValues.decode(call.key(), json, type), false));
      } catch (ClassifiedFailure e) {
        return new GetOrCacheValue.Error<>(e.error());
      }
    }

    private Result<Object> failed(Throwable failure) {
      return new GetOrCacheValue.Error<>(
          lease.commandFailure(failure, "get-or-cache-value of key " + Text.quote(call.key())));
    }

    private Result<Object> computeFailed(Throwable failure) {
      String message = failure.getMessage();
      return new GetOrCacheValue.ComputeFailed<>(
          MachineError.of(
              RedisErrorCode.COMPUTE_FAILED,
              "the function computing key "
                  + Text.quote(call.key())
                  + " failed: "
                  + failure.getClass().getSimpleName()
                  + (message == null ? "" : " " + Text.quote(message))
                  + "; nothing was cached",
              failure));
    }

    private Result<Object> timedOut() {
      return new GetOrCacheValue.TimedOut<>(
          MachineError.of(
              RedisErrorCode.LOCK_WAIT_TIMED_OUT,
              "get-or-cache-value of key "
                  + Text.quote(call.key())
                  + ": another caller held the lock for the whole wait of "
                  + call.maxWait()
                  + " ms (maxWait) and the value did not arrive; nothing was computed"));
    }

    /**
     * Sends {@code command} and continues with {@code next} on its reply; a bug in either ends the
     * call (the error exit) instead of leaving it hanging.
     */
    private <V> void then(
        Supplier<? extends CompletionStage<V>> command, BiConsumer<V, Throwable> next) {
      try {
        command
            .get()
            .whenComplete(
                (value, failure) -> {
                  try {
                    next.accept(value, failure);
                  } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                  }
                });
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    }
  }
}
