package dev.mpredis.bench;

import java.util.concurrent.TimeUnit;

/**
 * One W1-async trial's server and asynchronous client: acquired in {@code @Setup(Level.Trial)},
 * closed in {@code @TearDown(Level.Trial)}. Like {@link Session}, the client must read key 0 back
 * equal to the prefilled value before measuring starts.
 */
final class AsyncSession implements AutoCloseable {

  private static final long CHECK_TIMEOUT_SECONDS = 10;

  private final BenchServer server;
  private final AsyncBenchClient client;

  private AsyncSession(BenchServer server, AsyncBenchClient client) {
    this.server = server;
    this.client = client;
  }

  static AsyncSession open(String clientId) {
    AsyncClients kind = AsyncClients.byId(clientId);
    BenchServer server = BenchServer.acquire();
    try {
      AsyncBenchClient client = kind.open(server.endpoint());
      try {
        Payload first =
            client
                .getCachedValueAsync(Dataset.key(0))
                .toCompletableFuture()
                .get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!Dataset.value(0).equals(first)) {
          throw new IllegalStateException(
              clientId
                  + " read "
                  + first
                  + " from "
                  + Dataset.key(0)
                  + ", not the prefilled value");
        }
      } catch (Exception e) {
        client.close();
        throw e instanceof RuntimeException r
            ? r
            : new IllegalStateException(clientId + " could not read " + Dataset.key(0), e);
      }
      return new AsyncSession(server, client);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  AsyncBenchClient client() {
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
