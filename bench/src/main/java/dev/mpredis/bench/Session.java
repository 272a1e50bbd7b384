package dev.mpredis.bench;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One JMH trial's server and client: acquired in {@code @Setup(Level.Trial)}, closed in
 * {@code @TearDown(Level.Trial)}. The client is checked before measuring starts; a client that
 * fails its check is closed with the server.
 *
 * @param <C> the workload's kind of client
 */
final class Session<C extends OpenClient> implements AutoCloseable {

  private final BenchServer server;
  private final C client;

  private Session(BenchServer server, C client) {
    this.server = server;
    this.client = client;
  }

  /** A W1, W2 or W3 client, checked with one read of key 0. */
  static Session<BenchClient> open(String clientId) {
    return open(
        Clients.byId(clientId)::open,
        client -> checkFirstRead(clientId, client.getCachedValue(Dataset.key(0))));
  }

  /** Acquires the server, opens a client on it with {@code opener}, and runs {@code check}. */
  static <C extends OpenClient> Session<C> open(Function<Endpoint, C> opener, Consumer<C> check) {
    BenchServer server = BenchServer.acquire();
    try {
      C client = opener.apply(server.endpoint());
      try {
        check.accept(client);
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
      return new Session<>(server, client);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Fails unless {@code first}, what {@code clientId} read from key 0, is the prefilled value. */
  static void checkFirstRead(String clientId, Payload first) {
    if (!Dataset.value(0).equals(first)) {
      throw new IllegalStateException(
          clientId + " read " + first + " from " + Dataset.key(0) + ", not the prefilled value");
    }
  }

  C client() {
    return client;
  }

  /** Fails the benchmark when a read finds nothing: every key is prefilled. */
  static Payload require(Payload value, String key) {
    if (value == null) {
      throw new IllegalStateException("no value under " + key);
    }
    return value;
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
