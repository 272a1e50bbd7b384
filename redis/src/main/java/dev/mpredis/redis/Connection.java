package dev.mpredis.redis;

import dev.mpredis.machine.Handle;

/**
 * A lease on a Redis connection, acquired with {@code get-connection} and given back with {@code
 * release-connection} (or {@link #close()}). Machines run on it until it is released or its manager
 * is destroyed; after that every machine exits {@code badConnection} without touching the network.
 *
 * <p>A <em>shared</em> lease (the default) is a lightweight handle over the manager's one
 * multiplexed connection: acquiring it costs no round trip, and any number of threads may use one
 * lease at once. A <em>dedicated</em> lease has a socket of its own, for machines that change
 * connection state (such as {@code authenticate}); it is closed on release.
 *
 * <p>A {@link Handle}: given dynamically, a value that is not a connection (a map, a string) takes
 * the machine's {@code badConnection} exit, as the original's duck-typing did.
 *
 * <p>Thread-safe.
 */
@Handle
public interface Connection extends AutoCloseable {

  /** A number identifying the lease within its manager, for reports and logs. */
  long id();

  /** Whether the lease has a socket of its own. */
  boolean isDedicated();

  /** Whether machines can still run on it (not released, manager not destroyed). */
  boolean isActive();

  /**
   * Releases the lease, as {@code release-connection} does. Releasing a released lease does nothing
   * here (the machine reports it as {@code badConnection}). Never throws.
   */
  @Override
  void close();
}
