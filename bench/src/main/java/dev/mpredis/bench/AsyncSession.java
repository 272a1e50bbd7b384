package dev.mpredis.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens W1-async's trial: like W1's, the asynchronous client must read key 0 back equal to the
 * prefilled value before measuring starts (waiting at most {@value #CHECK_TIMEOUT_SECONDS} s).
 */
final class AsyncSession {

  private static final long CHECK_TIMEOUT_SECONDS = 10;

  private AsyncSession() {}

  static Session<AsyncBenchClient> open(String clientId) {
    return Session.open(AsyncClients.byId(clientId)::open, client -> check(clientId, client));
  }

  private static void check(String clientId, AsyncBenchClient client) {
    Payload first;
    try {
      first =
          client
              .getCachedValueAsync(Dataset.key(0))
              .toCompletableFuture()
              .get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(clientId + " was interrupted reading " + Dataset.key(0), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(clientId + " could not read " + Dataset.key(0), e);
    }
    Session.checkFirstRead(clientId, first);
  }
}
