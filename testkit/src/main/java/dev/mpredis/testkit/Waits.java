package dev.mpredis.testkit;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition under a deadline: the kit's (and its users') alternative to sleeping a
 * fixed time and hoping.
 */
public final class Waits {

  private static final Duration POLL = Duration.ofMillis(10);

  private Waits() {}

  /**
   * Polls {@code condition} until it is true or {@code timeout} has passed.
   *
   * @param what describes the condition, for the failure message
   * @throws AssertionError if the condition did not become true in time (tests fail on it)
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout.toMillis() + " ms waiting for " + what,
            new TimeoutException(what));
      }
      pause(POLL);
    }
  }

  static void pause(Duration duration) {
    LockSupport.parkNanos(duration.toNanos());
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting");
    }
  }
}
