package dev.mpredis.bench;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens W4's trial ({@link Session}) with a near-cached client. Before measuring, the client must
 * serve what it wrote: it reads hot key 0 (so the near cache holds it), writes another value there,
 * and within {@link #INVALIDATION_DEADLINE} its reads must return the new value. Invalidation may
 * be asynchronous (the server pushes it), so the check polls under the deadline rather than reading
 * once.
 */
final class NearCacheSession {

  /** How long a client may serve the old value after its own write. */
  static final Duration INVALIDATION_DEADLINE = Duration.ofSeconds(5);

  private NearCacheSession() {}

  static Session<NearCacheBenchClient> open(String clientId) {
    return Session.open(
        NearCacheClients.byId(clientId)::open, client -> checkReadsItsWrite(clientId, client));
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
}
