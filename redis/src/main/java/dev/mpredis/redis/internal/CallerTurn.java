package dev.mpredis.redis.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a call's compute function on the thread of the synchronous caller, which waits anyway: so
 * the function sees the caller's thread-locals (a transaction, a logging context) and no thread is
 * made for it. One per call; thread-safe.
 *
 * <p>The engine offers the function ({@link #call}); {@link #serve} waits on the caller's thread
 * until the call ends or the function is offered, and runs it. A caller that stops waiting (its
 * deadline passed, or it was interrupted) abandons its turn: a function offered afterwards is not
 * called, and fails with a {@link CancellationException} so that the lock is released at once.
 */
public final class CallerTurn implements CacheAside.Invoker {

  /** A function offered to the caller's thread, and where its outcome goes. */
  private record Turn(Callable<?> compute, CompletableFuture<Object> done) {}

  private final CompletableFuture<Turn> offered = new CompletableFuture<>();
  private boolean abandoned; // guarded by this

  @Override
  public CompletionStage<Object> call(Callable<?> compute) {
    Turn turn = new Turn(compute, new CompletableFuture<>());
    synchronized (this) {
      if (abandoned) {
        turn.done().completeExceptionally(stoppedWaiting());
      } else {
        offered.complete(turn);
      }
    }
    return turn.done();
  }

  /**
   * Waits at most {@code deadline} for {@code call} to end or for the function to be offered, runs
   * the function here if it was, and returns {@code call}. Keeps the thread's interrupt status.
   */
  public <R> CompletionStage<R> serve(CompletionStage<R> call, Duration deadline) {
    CompletableFuture<R> result = call.toCompletableFuture();
    boolean interrupted = false;
    try {
      CompletableFuture.anyOf(result, offered).get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    } catch (ExecutionException | TimeoutException e) {
      // the call failed (a bug, which the machine reports) or is late: stop waiting for a turn
    }
    Turn turn;
    synchronized (this) {
      turn = offered.getNow(null);
      abandoned = true;
    }
    if (turn != null) {
      if (interrupted) {
        turn.done().completeExceptionally(stoppedWaiting());
      } else {
        CacheAside.callInto(turn.compute(), turn.done());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return result;
  }

  private static CancellationException stoppedWaiting() {
    return new CancellationException(
        "the caller stopped waiting (deadline or interrupt) before its turn to compute");
  }
}
