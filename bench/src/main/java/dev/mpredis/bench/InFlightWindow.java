package dev.mpredis.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sliding window of asynchronous operations for one benchmark thread: a ring of {@link #size()}
 * slots, each holding an operation in flight. {@link #fill} starts the window full; each {@link
 * #replaceOldest} waits for the oldest operation, checks it, and puts a new one in its slot; {@link
 * #drain} waits for all that are left.
 *
 * <p>Why a ring and not a semaphore: JMH counts invocations, and each invocation here waits for
 * exactly one completion, so the operations JMH counts are operations that completed inside the
 * measured window (the window is filled before and drained after it, outside the measurement). A
 * semaphore would count operations issued, up to {@link #size()} of which are still in flight when
 * the iteration ends.
 *
 * <p>Not thread-safe: one window per benchmark thread.
 */
final class InFlightWindow {

  /** How long one operation may take before the benchmark fails instead of hanging. */
  private static final long TIMEOUT_SECONDS = 10;

  private final CompletableFuture<?>[] pending;

  /** The key each pending read is reading (to name it when it finds nothing); null for writes. */
  private final String[] readKeys;

  private int oldest;
  private boolean full;

  InFlightWindow(int size) {
    pending = new CompletableFuture<?>[size];
    readKeys = new String[size];
  }

  int size() {
    return pending.length;
  }

  /**
   * Starts {@link #size()} operations from {@code next}, filling the window.
   *
   * @throws IllegalStateException if the window is not empty
   */
  void fill(Operation next) {
    if (full) {
      throw new IllegalStateException("the window was filled twice without a drain");
    }
    for (int slot = 0; slot < pending.length; slot++) {
      start(slot, next);
    }
    oldest = 0;
    full = true;
  }

  /**
   * Waits for the oldest operation (a read must have found its value), starts the next one in its
   * slot, and returns what the oldest completed with.
   *
   * @throws IllegalStateException if the window is not full, the operation failed, a read found
   *     nothing, or it took longer than {@value #TIMEOUT_SECONDS} s
   */
  Object replaceOldest(Operation next) {
    if (!full) {
      throw new IllegalStateException("replaceOldest on a window that is not filled");
    }
    int slot = oldest;
    Object done = await(slot);
    start(slot, next);
    oldest = slot + 1 == pending.length ? 0 : slot + 1;
    return done;
  }

  /** Waits for every operation still in flight, checking each as {@link #replaceOldest} does. */
  void drain() {
    if (!full) {
      return;
    }
    for (int i = 0; i < pending.length; i++) {
      int slot = (oldest + i) % pending.length;
      await(slot);
      pending[slot] = null;
      readKeys[slot] = null;
    }
    full = false;
  }

  private void start(int slot, Operation next) {
    Started started = next.start();
    pending[slot] = started.stage().toCompletableFuture();
    readKeys[slot] = started.readKey();
  }

  private Object await(int slot) {
    Object value;
    try {
      value = pending[slot].get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("an operation in flight failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "an operation in flight timed out after "
              + TIMEOUT_SECONDS
              + " s (window "
              + size()
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an operation in flight", e);
    }
    if (readKeys[slot] != null && value == null) {
      throw new IllegalStateException("no value under " + readKeys[slot]);
    }
    return value;
  }

  /** An operation just started: its stage, and the key if it is a read. */
  record Started(CompletionStage<?> stage, String readKey) {}

  /** Starts the next operation of the workload. */
  @FunctionalInterface
  interface Operation {
    Started start();
  }
}
