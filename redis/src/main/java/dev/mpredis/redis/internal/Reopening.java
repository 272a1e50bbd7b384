package dev.mpredis.redis.internal;

import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.RedisErrorCode;
import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits, without blocking a thread, until a reconnecting connection is open again; at the deadline
 * it fails saying what kept the link down (a reconnect refused with WRONGPASS is a password
 * problem, not a lost connection).
 */
final class Reopening {
  private static final Duration POLL = Duration.ofMillis(5);

  private Reopening() {}

  /** {@code connection} once open, polled every 5 ms until {@code deadline} (nanoTime). */
  static CompletableFuture<StatefulConnection<String, byte[]>> await(
      DefaultManager manager,
      StatefulConnection<String, byte[]> connection,
      long deadline,
      Duration timeout) {
    if (connection.isOpen()) {
      return CompletableFuture.completedFuture(connection);
    }
    CompletableFuture<StatefulConnection<String, byte[]>> opened = new CompletableFuture<>();
    poll(manager, connection, deadline, timeout, opened);
    return opened;
  }

  private static void poll(
      DefaultManager manager,
      StatefulConnection<String, byte[]> connection,
      long deadline,
      Duration timeout,
      CompletableFuture<StatefulConnection<String, byte[]>> opened) {
    if (connection.isOpen()) {
      opened.complete(connection);
    } else if (manager.isDestroyed()) {
      opened.completeExceptionally(new ClassifiedFailure(manager.destroyedError()));
    } else if (System.nanoTime() >= deadline) {
      FailureNotifier.LastFailure last = manager.lastReconnectFailure();
      opened.completeExceptionally(
          new ClassifiedFailure(
              MachineError.of(
                  last == null ? RedisErrorCode.CONNECTION_LOST : last.error().code(),
                  "the connection to "
                      + manager.settings().target()
                      + " is down and did not come back within "
                      + timeout.toMillis()
                      + " ms ("
                      + manager.state()
                      + ")")));
    } else {
      CompletableFuture.delayedExecutor(POLL.toNanos(), TimeUnit.NANOSECONDS)
          .execute(() -> poll(manager, connection, deadline, timeout, opened));
    }
  }
}
