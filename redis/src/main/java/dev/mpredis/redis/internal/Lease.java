package dev.mpredis.redis.internal;

import dev.mpredis.machine.ForeignValue;
import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.LeaseInfo;
import dev.mpredis.redis.RedisErrorCode;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A lease on a connection of a {@link DefaultManager}. Thread-safe. */
public final class Lease implements Connection {

  enum State {
    ACTIVE,
    RELEASED,
    MANAGER_DESTROYED
  }

  private final DefaultManager manager;
  private final long id;
  private final StatefulConnection<String, byte[]> connection;
  private final RedisClusterAsyncCommands<String, byte[]> commands;
  private final boolean dedicated;
  private final Instant acquiredAt;
  private final String thread;
  private final Throwable acquiredHere;
  private volatile State state = State.ACTIVE;

  Lease(
      DefaultManager manager,
      long id,
      StatefulConnection<String, byte[]> connection,
      boolean dedicated,
      Acquisition acquisition) {
    this.manager = manager;
    this.id = id;
    this.connection = connection;
    this.commands = LettuceClients.commands(connection);
    this.dedicated = dedicated;
    this.acquiredAt = Instant.now();
    this.thread = acquisition.thread();
    this.acquiredHere = acquisition.site();
  }

  /**
   * Who asked for a lease, captured on the caller's thread before any asynchronous step.
   *
   * @param thread the caller's thread name
   * @param site the caller's stack, when the manager tracks leases
   */
  record Acquisition(String thread, Throwable site) {
    static Acquisition here(boolean trackStack) {
      return new Acquisition(
          Thread.currentThread().getName(),
          trackStack ? new Throwable("lease acquired here") : null);
    }
  }

  /**
   * Why machines cannot run on {@code connection}, or {@code null} when they can: the check every
   * machine makes first, without touching the network.
   */
  public static MachineError problem(Connection connection) {
    if (!(connection instanceof Lease lease)) {
      return MachineError.of(
          RedisErrorCode.NOT_A_CONNECTION,
          "the connection is not a connection of this library" + whatItIs(connection));
    }
    return switch (lease.state) {
      case ACTIVE -> null;
      case RELEASED ->
          MachineError.of(
              RedisErrorCode.CONNECTION_RELEASED, "connection #" + lease.id + " was released");
      case MANAGER_DESTROYED ->
          MachineError.of(
              RedisErrorCode.MANAGER_DESTROYED,
              "connection #" + lease.id + " belongs to a destroyed manager");
    };
  }

  private static String whatItIs(Connection connection) {
    if (connection == null) {
      return " (it is null)";
    }
    if (connection instanceof ForeignValue foreign) {
      return " (it is a " + foreign.typeName() + ")";
    }
    String type = connection.getClass().getSimpleName();
    return " (it is a " + (type.isEmpty() ? connection.getClass().getName() : type) + ")";
  }

  /** The commands of the underlying connection. */
  public RedisClusterAsyncCommands<String, byte[]> commands() {
    return commands;
  }

  /**
   * The classified failure of a command this lease ran for {@code what}; a timeout or a lost
   * connection also says the manager's state (leases, the last reconnect failure), as a pool's
   * timeout would.
   */
  public MachineError commandFailure(Throwable failure, String what) {
    return manager.withState(ErrorClassifier.commandFailure(failure, what));
  }

  /** The manager this lease belongs to. */
  public DefaultManager manager() {
    return manager;
  }

  /** The key as stored: with the manager's namespace in front. */
  public String key(String key) {
    return manager.key(key);
  }

  /** The keys as stored, in order. */
  public List<String> keys(List<String> keys) {
    List<String> stored = new ArrayList<>(keys.size());
    for (String key : keys) {
      stored.add(manager.key(key));
    }
    return stored;
  }

  /** Whether a MULTI on this lease's connection awaits its EXEC or DISCARD. */
  boolean inTransaction() {
    return connection instanceof StatefulRedisConnection<String, byte[]> single && single.isMulti();
  }

  /** Whether the connection routes commands across a cluster's nodes. */
  public boolean isCluster() {
    return connection instanceof StatefulRedisClusterConnection<String, byte[]>;
  }

  /** The cluster's nodes as the connection last read them; empty when not a cluster. */
  Iterable<io.lettuce.core.cluster.models.partitions.RedisClusterNode> partitions() {
    return connection instanceof StatefulRedisClusterConnection<String, byte[]> cluster
        ? cluster.getPartitions()
        : java.util.List.of();
  }

  /**
   * The link of this cluster lease to the master at {@code host:port}, without blocking.
   *
   * @throws IllegalStateException if the lease is not a cluster's
   */
  java.util.concurrent.CompletableFuture<
          io.lettuce.core.api.StatefulRedisConnection<String, byte[]>>
      masterLink(String host, int port) {
    if (!(connection instanceof StatefulRedisClusterConnection<String, byte[]> cluster)) {
      throw new IllegalStateException("not a cluster lease");
    }
    return cluster.getConnectionAsync(host, port);
  }

  StatefulConnection<String, byte[]> connection() {
    return connection;
  }

  /** Ends the lease; {@code false} if it had already ended. */
  boolean end(State endState) {
    synchronized (this) {
      if (state != State.ACTIVE) {
        return false;
      }
      state = endState;
    }
    return true;
  }

  /**
   * Releases the lease (release-connection's work).
   *
   * @return {@code false} if it was not active
   */
  public boolean release() {
    return manager.release(this);
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public boolean isDedicated() {
    return dedicated;
  }

  @Override
  public boolean isActive() {
    return state == State.ACTIVE;
  }

  @Override
  public void close() {
    release();
  }

  LeaseInfo info() {
    return new LeaseInfo(id, dedicated, acquiredAt, thread, Optional.ofNullable(acquiredHere));
  }

  @Override
  public String toString() {
    return "Connection[#"
        + id
        + (dedicated ? ", dedicated" : ", shared")
        + ", "
        + state.name().toLowerCase(java.util.Locale.ROOT)
        + ", "
        + manager.target()
        + "]";
  }
}
