package dev.mpredis.bench;

/**
 * One JMH trial's server and client: acquired in {@code @Setup(Level.Trial)}, closed in
 * {@code @TearDown(Level.Trial)}. The client is checked with one read before measuring starts.
 */
final class Session implements AutoCloseable {

  private final BenchServer server;
  private final BenchClient client;

  private Session(BenchServer server, BenchClient client) {
    this.server = server;
    this.client = client;
  }

  static Session open(String clientId) {
    Clients kind = Clients.byId(clientId);
    BenchServer server = BenchServer.acquire();
    try {
      BenchClient client = kind.open(server.endpoint());
      Payload first = client.getCachedValue(Dataset.key(0));
      if (!Dataset.value(0).equals(first)) {
        client.close();
        throw new IllegalStateException(
            clientId + " read " + first + " from " + Dataset.key(0) + ", not the prefilled value");
      }
      return new Session(server, client);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  BenchClient client() {
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
