package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.ErrorCode;
import dev.mpredis.machine.Exit;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import java.util.function.Supplier;

/**
 * One timed machine call of a fault scenario: the exit it took and how long it took, with the two
 * assertions every scenario makes (exit and code; time bound).
 *
 * @param exit the exit
 * @param millis wall-clock time of the call
 */
record Call<R extends Exit<?>>(R exit, long millis) {

  /** The slack every call gets on top of its timeout: the suite's "t + 1 s" bound. */
  static final long SLACK_MILLIS = 1_000;

  private static final java.util.concurrent.atomic.AtomicBoolean WARM =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Loads and initialises the client (Lettuce, netty, Jackson) once per JVM by one full round trip
   * against {@code uri}, so that the first timed call of a suite measures the fault, not class
   * loading (seconds on two busy cores).
   */
  static void warmUp(String uri) {
    if (WARM.compareAndSet(false, true)) {
      try (Manager manager = Redis.createManager(uri).orThrow();
          Connection connection = Redis.getConnection(manager).orThrow()) {
        Redis.cacheValue(connection, "mp-redis-warm-up", 1).orThrow();
        Redis.getCachedValue(connection, "mp-redis-warm-up");
        Redis.destroyCachedValues(connection, java.util.List.of("mp-redis-warm-up"));
      }
    }
  }

  /** Runs {@code call} on this thread and times it. */
  static <R extends Exit<?>> Call<R> of(Supplier<R> call) {
    long start = System.nanoTime();
    R exit = call.get();
    return new Call<>(exit, (System.nanoTime() - start) / 1_000_000);
  }

  /** The code of a failed exit's report, {@code null} for an exit without a report. */
  ErrorCode code() {
    return exit instanceof Exit.Failed failed ? failed.error().code() : null;
  }

  /** The message of a failed exit's report, {@code ""} for an exit without a report. */
  String message() {
    return exit instanceof Exit.Failed failed ? failed.error().message() : "";
  }

  /** Asserts the exit's name and its report's code. */
  Call<R> ended(String exitName, ErrorCode code) {
    assertThat(exit.exitName()).as("exit of %s", this).isEqualTo(exitName);
    assertThat(code()).as("code of %s", this).isEqualTo(code);
    return this;
  }

  /** Asserts the exit is {@code success}. */
  Call<R> succeeded() {
    assertThat(exit.isSuccess()).as("%s should be success", this).isTrue();
    return this;
  }

  /** Asserts the call ended within {@code timeoutMillis} plus one second. */
  Call<R> within(long timeoutMillis) {
    assertThat(millis)
        .as(
            "%s took %d ms, bound is %d + %d ms",
            exit.exitName(), millis, timeoutMillis, SLACK_MILLIS)
        .isLessThanOrEqualTo(timeoutMillis + SLACK_MILLIS);
    return this;
  }

  @Override
  public String toString() {
    return exit.exitName()
        + (code() == null ? "" : " " + code() + ": " + message())
        + " in "
        + millis
        + " ms";
  }
}
