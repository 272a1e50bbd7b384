package dev.mpredis.bench;

import java.util.concurrent.CompletionStage;

/**
 * One client library's asynchronous API seen through the operations of W1-async
 * (docs/benchmarks.md): the same {@code cache-value} and {@code get-cached-value} as {@link
 * BenchClient}, started without waiting, so that one thread can keep many operations in flight.
 *
 * <p>Serialization and parsing are as in {@link BenchClient}; parsing happens in the returned stage
 * (on whichever thread completes it). A failed command fails the stage. An implementation is opened
 * once per JMH trial and must be thread-safe; {@link #close()} releases everything it opened.
 */
public interface AsyncBenchClient extends OpenClient {

  /** Starts storing {@code value} as JSON under {@code key} with a time to live. */
  CompletionStage<?> cacheValueAsync(String key, Payload value, long ttlSeconds);

  /**
   * Starts reading and parsing the value under {@code key}; the stage holds {@code null} if none.
   */
  CompletionStage<Payload> getCachedValueAsync(String key);

  @Override
  void close();
}
