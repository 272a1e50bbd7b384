package dev.mpredis.bench;

import java.util.List;

/**
 * One client library seen through the operations of docs/benchmarks.md. Adding a client to every
 * workload (for example mp-redis's typed API) means writing one implementation of this interface
 * and one constant in {@link Clients}.
 *
 * <p>Every method serializes with Jackson on write and parses on read ({@link Dataset#MAPPER}, or
 * the client's own Jackson codec configured with it); values are stored as JSON text. An
 * implementation is opened once per JMH trial and then called from all benchmark threads at once,
 * so it must be thread-safe. {@link #close()} releases everything it opened.
 */
public interface BenchClient extends OpenClient {

  /** W1 {@code cache-value}: stores {@code value} as JSON under {@code key} with a time to live. */
  void cacheValue(String key, Payload value, long ttlSeconds);

  /**
   * W1 {@code get-cached-value} on the client's long-lived connection (or manager): reads and
   * parses the value under {@code key}, or returns {@code null} when there is none.
   */
  Payload getCachedValue(String key);

  /**
   * W2: writes all {@code values} under the {@code keys} of the same index (no time to live), with
   * the best batching the client offers.
   */
  void writeAll(List<String> keys, List<Payload> values);

  /**
   * W2: reads and parses the values of all {@code keys}, in order ({@code null} where missing),
   * with the best batching the client offers.
   */
  List<Payload> readAll(List<String> keys);

  /**
   * W3: acquires a connection or resource the way a request handler would, runs one {@code
   * get-cached-value}, and releases it. Clients without an explicit lease describe what they do
   * instead in their class documentation.
   */
  Payload leaseAndGet(String key);

  @Override
  void close();
}
