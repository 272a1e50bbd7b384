package dev.mpredis.redis;

import dev.mpredis.machine.MachineObserver;
import java.util.List;

/**
 * Owns the configuration and the resources (client, sockets, threads) for one Redis deployment, and
 * every {@link Connection} leased from it. Create one with {@code create-manager} ({@link
 * Redis#createManager(String)}), lease connections with {@code get-connection}, and end it with
 * {@code destroy-manager} ({@link Redis#destroyManager(Manager)} or {@link #close()}), which
 * releases every lease still live and frees every resource.
 *
 * <p>Thread-safe: one manager is meant to be shared by a whole application. Its {@code toString}
 * never shows a password.
 */
public interface Manager extends AutoCloseable {

  /** Whether {@code destroy-manager} ran. */
  boolean isDestroyed();

  /** Where it connects, for example {@code redis://127.0.0.1:6379/0}, without credentials. */
  String target();

  /** How many leases are live (acquired and not yet released). */
  int liveLeaseCount();

  /**
   * The live leases, to find a leaked one: when and on which thread each was acquired, and, with
   * the connection-string option {@code trackLeases=true}, the stack trace of the acquisition.
   */
  List<LeaseInfo> liveLeases();

  /**
   * Adds an observer that hears of every run of a machine on this manager: {@code get-connection}
   * and {@code destroy-manager} given it, and every machine given a connection leased from it (the
   * exit and how long the run took; {@link MachineObserver} says when and on which thread). For
   * metrics: a manager without observers does no work for them. Adding one twice makes it hear
   * twice.
   *
   * @throws NullPointerException if {@code observer} is null
   */
  void addObserver(MachineObserver observer);

  /** Removes one registration of {@code observer}; does nothing if there is none. */
  void removeObserver(MachineObserver observer);

  /**
   * Destroys the manager, as {@code destroy-manager} does, and waits for it (bounded). Calling it
   * on a destroyed manager does nothing. Never throws.
   */
  @Override
  void close();
}
