package dev.mpredis.testkit;

/**
 * Something the kit started: one server, a Sentinel group or a Cluster. It reports how to reach it
 * and the logs of its processes; {@link #close()} kills every process and deletes every directory
 * (a JVM shutdown hook does the same if a test never closes it). Implementations are thread-safe.
 */
public interface RedisTopology extends AutoCloseable {

  /** How to connect to it. */
  RedisEndpoints endpoints();

  /** The last lines of every process's log, each under a header naming the process. */
  String logTails();

  /** Kills every process and deletes every directory. Calling it again does nothing. */
  @Override
  void close();
}
