package dev.mpredis.redis;

import dev.mpredis.testkit.RedisServer;
import java.io.IOException;

/**
 * Two managers on one emptied server, standing for two processes, each with a shared lease: the
 * fixture of the tests that coordinate across processes (locks, rate limits, stampedes).
 *
 * @param first the first process's manager
 * @param second the second process's manager
 * @param one a lease of {@code first}
 * @param two a lease of {@code second}
 */
record TwoProcesses(Manager first, Manager second, Connection one, Connection two)
    implements AutoCloseable {

  /** Empties {@code server} and connects both. */
  static TwoProcesses on(RedisServer server) throws IOException {
    server.command("FLUSHALL");
    Manager first = Redis.createManager(server.uri()).orThrow();
    Manager second = Redis.createManager(server.uri()).orThrow();
    return new TwoProcesses(
        first, second, Redis.getConnection(first).orThrow(), Redis.getConnection(second).orThrow());
  }

  @Override
  public void close() {
    first.close();
    second.close();
  }
}
