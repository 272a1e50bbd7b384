package dev.mpredis.bench;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One W4 trial's server and near-cached client: acquired in {@code @Setup(Level.Trial)}, closed in
 * {@code @TearDown(Level.Trial)}. Before measuring, the client must serve what it wrote: it reads
 * hot key 0 (so the near cache holds it), writes another value there, and within {@link
 * #INVALIDATION_DEADLINE} its reads must return the new value. Invalidation may be asynchronous
 * (the server pushes it), so the check polls under the deadline rather than reading once.
 */
final class NearCacheSession implements AutoCloseable {

  /** How long a client may serve the old value after its own write. */
  static final Duration INVALIDATION_DEADLINE = Duration.ofSeconds(5);

  private final BenchServer server;
  private final NearCacheBenchClient client;

  private NearCacheSession(BenchServer server, NearCacheBenchClient client) {
    this.server = server;
    this.client = client;
  }

  static NearCacheSession open(String clientId) {
    NearCacheClients kind = NearCacheClients.byId(clientId);
    BenchServer server = BenchServer.acquire();
    try {
      NearCacheBenchClient client = kind.open(server.endpoint());
      try {
        checkReadsItsWrite(clientId, client);
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
      return new NearCacheSession(server, client);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * Fails unless {@code client} returns, within the deadline, a value it wrote over one its near
   * cache held.
   *
   * @throws IllegalStateException naming the client, key, values and deadline otherwise
   */
  static void checkReadsItsWrite(String clientId, NearCacheBenchClient client) {
    String key = Dataset.hotKey(0);
    Payload before = Session.require(client.read(key), key);
    Payload written = differentValue(before);
    client.write(key, written);
    long deadline = System.nanoTime() + INVALIDATION_DEADLINE.toNanos();
    Payload seen;
    do {
      seen = client.read(key);
      if (written.equals(seen)) {
        return;
      }
      Thread.yield(); // let the I/O thread deliver the invalidation on a busy 2-core machine
    } while (System.nanoTime() - deadline < 0);
    throw new IllegalStateException(
        clientId
            + " still read "
            + seen
            + " from "
            + key
            + " "
            + INVALIDATION_DEADLINE.toMillis()
            + " ms after writing "
            + written
            + " (it held "
            + before
            + ")");
  }

  private static Payload differentValue(Payload current) {
    Payload next;
    do {
      next = Dataset.value(ThreadLocalRandom.current().nextInt(Dataset.KEY_COUNT));
    } while (next.equals(current));
    return next;
  }

  NearCacheBenchClient client() {
    return client;
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      server.close();
    }
  }
}
