package dev.mpredis.redis.internal;

import dev.mpredis.machine.ErrorCode;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.MachineObserver;
import dev.mpredis.redis.ConnectionString;
import dev.mpredis.redis.FailureReport;
import dev.mpredis.redis.LeaseInfo;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.RedisErrorCode;
import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The manager: one Lettuce client with resources of its own, one shared multiplexed connection
 * (opened on the first {@code get-connection}), dedicated connections on demand, and the set of
 * live leases. Thread-safe.
 */
public final class DefaultManager implements Manager {

  /** Most dedicated connections a manager keeps open at once. */
  public static final int MAX_DEDICATED_CONNECTIONS = 64;

  /** How long {@code destroy-manager} waits for the client and its threads to stop. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private final ConnectionString settings;
  private final LettuceClients.Client lettuce;
  private final FailureNotifier notifier;
  private final Set<Lease> leases = ConcurrentHashMap.newKeySet();
  private final AtomicLong leaseIds = new AtomicLong();
  private final AtomicInteger dedicatedCount = new AtomicInteger();
  private final AtomicBoolean destroyed = new AtomicBoolean();
  private final Object sharedLock = new Object();
  private final Observers observers = new Observers();
  private final NearCache nearCache;
  private volatile CompletableFuture<StatefulConnection<String, byte[]>> shared;

  private DefaultManager(
      ConnectionString settings, LettuceClients.Client lettuce, FailureNotifier notifier) {
    this.settings = settings;
    this.lettuce = lettuce;
    this.notifier = notifier;
    this.nearCache = NearCache.of(settings);
  }

  /**
   * Builds a manager; connects nothing yet.
   *
   * @throws ManagerCreationException if the client cannot be built (unreadable TLS material, ...)
   */
  public static DefaultManager create(
      ConnectionString settings, Consumer<FailureReport> onUnexpectedFailure) {
    FailureNotifier notifier = new FailureNotifier(onUnexpectedFailure, settings.target());
    LettuceClients.Client lettuce = LettuceClients.create(settings, notifier);
    return new DefaultManager(settings, lettuce, notifier);
  }

  /** The parsed connection string. */
  public ConnectionString settings() {
    return settings;
  }

  /** The latest failure to re-open a link since the last connect, if any. */
  FailureNotifier.LastFailure lastReconnectFailure() {
    return notifier.lastFailure();
  }

  /** The near cache ({@code nearCache=true}), or {@code null}. */
  public NearCache nearCache() {
    return nearCache;
  }

  String key(String key) {
    String namespace = settings.namespace().orElse(null);
    return namespace == null ? key : namespace + key;
  }

  /**
   * Leases a connection that is ready within {@code timeout}. The future fails with a {@link
   * ClassifiedFailure} carrying the classified error.
   */
  public CompletableFuture<Lease> acquire(Duration timeout, boolean dedicated) {
    if (destroyed.get()) {
      return failed(destroyedError());
    }
    Lease.Acquisition acquisition = Lease.Acquisition.here(settings.trackLeases());
    return dedicated ? acquireDedicated(timeout, acquisition) : acquireShared(timeout, acquisition);
  }

  private CompletableFuture<Lease> acquireShared(Duration timeout, Lease.Acquisition acquisition) {
    CompletableFuture<StatefulConnection<String, byte[]>> current = sharedConnection();
    // Not getNow: it throws when the connect has failed already (a refusal can be that quick).
    StatefulConnection<String, byte[]> ready =
        current.isDone() && !current.isCompletedExceptionally() ? current.join() : null;
    if (ready != null && ready.isOpen()) {
      try {
        return CompletableFuture.completedFuture(register(ready, false, acquisition)); // no I/O
      } catch (ClassifiedFailure e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    // copy(): a caller's timeout must not fail the shared connect itself, which carries on and
    // serves the next caller (orTimeout completes the future it is called on).
    return current
        .copy()
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .handle(
            (connection, failure) -> {
              if (failure != null) {
                throw new ClassifiedFailure(connectError(failure, timeout));
              }
              return connection;
            })
        .thenCompose(connection -> Reopening.await(this, connection, deadline, timeout))
        .thenApply(connection -> register(connection, false, acquisition));
  }

  /** The shared connection's future, starting a connect if there is none or the last one failed. */
  private CompletableFuture<StatefulConnection<String, byte[]>> sharedConnection() {
    CompletableFuture<StatefulConnection<String, byte[]>> current = shared;
    if (current != null && !current.isCompletedExceptionally()) {
      return current;
    }
    synchronized (sharedLock) {
      current = shared;
      if (current == null || current.isCompletedExceptionally()) {
        current = lettuce.connect();
        if (nearCache != null) {
          current.thenAccept(nearCache::attach); // its invalidations come on this connection
        }
        shared = current;
      }
      return current;
    }
  }

  private CompletableFuture<Lease> acquireDedicated(
      Duration timeout, Lease.Acquisition acquisition) {
    if (dedicatedCount.incrementAndGet() > MAX_DEDICATED_CONNECTIONS) {
      dedicatedCount.decrementAndGet();
      return failed(
          MachineError.of(
              RedisErrorCode.TOO_MANY_CONNECTIONS,
              "the manager already has "
                  + MAX_DEDICATED_CONNECTIONS
                  + " dedicated connections open; release some first"));
    }
    CompletableFuture<StatefulConnection<String, byte[]>> connecting = lettuce.connect();
    CompletableFuture<Lease> lease =
        connecting
            .copy()
            .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
            .handle(
                (connection, failure) -> {
                  if (failure != null) {
                    dedicatedCount.decrementAndGet();
                    throw new ClassifiedFailure(connectError(failure, timeout));
                  }
                  return register(connection, true, acquisition);
                });
    // A connect that completes after the caller gave up must not leak its socket.
    connecting.whenComplete(
        (connection, failure) -> {
          if (connection != null && lease.isCompletedExceptionally()) {
            connection.closeAsync();
          }
        });
    return lease;
  }

  private Lease register(
      StatefulConnection<String, byte[]> connection,
      boolean dedicated,
      Lease.Acquisition acquisition) {
    Lease lease = new Lease(this, leaseIds.incrementAndGet(), connection, dedicated, acquisition);
    leases.add(lease);
    if (destroyed.get()) {
      // destroy() ran while we connected: this lease must not outlive it.
      leases.remove(lease);
      lease.end(Lease.State.MANAGER_DESTROYED);
      if (dedicated) {
        connection.closeAsync();
      }
      throw new ClassifiedFailure(destroyedError());
    }
    return lease;
  }

  boolean release(Lease lease) {
    if (!lease.end(Lease.State.RELEASED)) {
      return false;
    }
    leases.remove(lease);
    if (lease.isDedicated()) {
      dedicatedCount.decrementAndGet();
      lease.connection().closeAsync();
    }
    return true;
  }

  /**
   * Destroys the manager: ends every live lease, closes every connection, stops the client's
   * threads. Fails with a {@link ClassifiedFailure} if it was destroyed already, or if the shutdown
   * does not finish within {@link #SHUTDOWN_TIMEOUT}.
   */
  public CompletableFuture<Void> destroy() {
    if (!destroyed.compareAndSet(false, true)) {
      return failed(destroyedError());
    }
    for (Lease lease : leases) {
      lease.end(Lease.State.MANAGER_DESTROYED);
    }
    leases.clear();
    if (nearCache != null) {
      nearCache.close();
    }
    return lettuce
        .shutdown(SHUTDOWN_TIMEOUT)
        .whenComplete((ignored, failure) -> notifier.close())
        .handle(
            (ignored, failure) -> {
              if (failure != null) {
                throw new ClassifiedFailure(
                    MachineError.of(
                        RedisErrorCode.TIMED_OUT,
                        "the client did not shut down within "
                            + SHUTDOWN_TIMEOUT.toMillis()
                            + " ms; its threads may linger",
                        failure));
              }
              return null;
            });
  }

  private MachineError connectError(Throwable failure, Duration timeout) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof ClassifiedFailure lease) {
      return lease.error();
    }
    if (cause instanceof java.util.concurrent.TimeoutException) { // the caller's own timeout
      return withState(
          MachineError.of(
              RedisErrorCode.CONNECT_TIMEOUT,
              "the connection to "
                  + settings.target()
                  + " was not ready within the "
                  + timeout.toMillis()
                  + " ms get-connection waits",
              cause));
    }
    return withState(ErrorClassifier.connectFailure(cause, settings.target(), settings.tls()));
  }

  /**
   * {@code error} with the manager's state added to its message when it is a timeout or a lost
   * connection, where the state is what a reader needs; other errors as they are.
   */
  MachineError withState(MachineError error) {
    ErrorCode code = error.code();
    if (code != RedisErrorCode.COMMAND_TIMEOUT
        && code != RedisErrorCode.CONNECTION_LOST
        && code != RedisErrorCode.CONNECT_TIMEOUT) {
      return error;
    }
    return MachineError.of(
        code, error.message() + " [" + target() + "; " + state() + "]", error.cause().orElse(null));
  }

  /**
   * The manager's state for messages, as HikariCP's timeouts give it: live leases and the latest
   * failure to reconnect, with how long ago.
   */
  String state() {
    long dedicated = leases.stream().filter(Lease::isDedicated).count();
    FailureNotifier.LastFailure last = notifier.lastFailure();
    return "leases: "
        + (leases.size() - dedicated)
        + " shared, "
        + dedicated
        + " dedicated"
        + (last == null ? "" : "; " + last.describe());
  }

  MachineError destroyedError() {
    return MachineError.of(
        RedisErrorCode.MANAGER_DESTROYED, "the manager for " + target() + " was destroyed");
  }

  private static <T> CompletableFuture<T> failed(MachineError error) {
    return CompletableFuture.failedFuture(new ClassifiedFailure(error));
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  @Override
  public String target() {
    return ConnectionStrings.describe(settings);
  }

  @Override
  public int liveLeaseCount() {
    return leases.size();
  }

  @Override
  public List<LeaseInfo> liveLeases() {
    List<LeaseInfo> infos = new ArrayList<>();
    for (Lease lease : leases) {
      infos.add(lease.info());
    }
    return infos;
  }

  @Override
  public void addObserver(MachineObserver observer) {
    observers.add(observer);
  }

  @Override
  public void removeObserver(MachineObserver observer) {
    observers.remove(observer);
  }

  /** Who hears of machine runs on this manager: {@code null} for nobody. */
  public MachineObserver observer() {
    return observers.current();
  }

  @Override
  public void close() {
    if (destroyed.get()) {
      return;
    }
    try {
      destroy().get(SHUTDOWN_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // close() never throws; destroy-manager reports the same failure as an exit.
    }
  }

  @Override
  public String toString() {
    return "Manager["
        + target()
        + settings.namespace().map(namespace -> ", namespace=" + namespace).orElse("")
        + ", leases="
        + leases.size()
        + (nearCache == null ? "" : ", " + nearCache)
        + (destroyed.get() ? ", destroyed" : "")
        + "]";
  }
}
