package dev.mpredis.redis.internal;

import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.FailureReport;
import dev.mpredis.redis.RedisErrorCode;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link FailureReport}s to a manager's {@code onUnexpectedFailure}: once per outage and
 * kind, on a thread of its own (never an I/O thread), with the callback's exceptions contained.
 * Thread-safe.
 */
final class FailureNotifier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FailureNotifier.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Consumer<FailureReport> callback;
  private final String address;
  private final ExecutorService executor;
  private final Set<Object> down = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean reconnectFailureReported = new AtomicBoolean();
  private volatile LastFailure lastFailure;
  private volatile boolean closed;

  /**
   * The latest failure to re-open a link, and when it happened.
   *
   * @param error the classified failure
   * @param at when it happened
   */
  record LastFailure(MachineError error, Instant at) {

    /** For messages: how long ago, the code and the message. */
    String describe() {
      return "last reconnect failed "
          + java.time.Duration.between(at, Instant.now()).toMillis()
          + " ms ago: "
          + error.code()
          + ": "
          + error.message();
    }
  }

  FailureNotifier(Consumer<FailureReport> callback, String address) {
    this.callback = callback;
    this.address = address;
    this.executor =
        callback == null
            ? null
            : Executors.newSingleThreadExecutor(
                runnable -> {
                  Thread thread =
                      new Thread(runnable, "mp-redis-notifier-" + THREADS.incrementAndGet());
                  thread.setDaemon(true);
                  return thread;
                });
  }

  void connected(Object connection) {
    lastFailure = null;
    if (down.remove(connection)) {
      reconnectFailureReported.set(false);
    }
  }

  void disconnected(Object connection) {
    if (down.add(connection)) {
      reconnectFailureReported.set(false);
      report(
          FailureReport.Kind.CONNECTION_LOST,
          MachineError.of(
              RedisErrorCode.CONNECTION_LOST,
              "the connection to " + address + " was lost; reconnecting"));
    }
  }

  /**
   * The latest failure to re-open a link since the last successful connect, if any; a link that
   * merely broke during the handshake does not replace a more telling failure before it.
   */
  LastFailure lastFailure() {
    return lastFailure;
  }

  void reconnectFailed(Throwable cause) {
    MachineError classified = ErrorClassifier.connectFailure(cause, address);
    LastFailure previous = lastFailure;
    // A link that broke mid-handshake says nothing of why the link stays down; a refusal seen
    // before it in this outage (BAD_PASSWORD, ...) does, so it stays the one reported. Lettuce 6
    // fails an attempt whose link closed early so ("RedisHandshakeHandler not registered").
    if (classified.code() != RedisErrorCode.CONNECTION_LOST
        || previous == null
        || previous.error().code() == RedisErrorCode.CONNECTION_LOST) {
      lastFailure = new LastFailure(classified, Instant.now());
    }
    if (reconnectFailureReported.compareAndSet(false, true)) {
      report(
          FailureReport.Kind.RECONNECT_FAILED,
          MachineError.of(
              classified.code(),
              "reconnecting failed: " + classified.message() + "; still trying",
              cause));
    }
  }

  private void report(FailureReport.Kind kind, MachineError error) {
    if (executor == null || closed) {
      return;
    }
    FailureReport report =
        new FailureReport(kind, "connection to " + address, error, Instant.now());
    try {
      executor.execute(() -> deliver(report));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Closed in between: the manager is being destroyed, nobody is listening any more.
    }
  }

  private void deliver(FailureReport report) {
    try {
      callback.accept(report);
    } catch (RuntimeException e) {
      LOG.warn(
          "onUnexpectedFailure threw {} while handling {}",
          e.getClass().getName(),
          report.kind(),
          e);
    }
  }

  @Override
  public void close() {
    closed = true;
    if (executor != null) {
      executor.shutdown();
    }
  }
}
