package dev.mpredis.bench;

/**
 * One client library with its own near cache (or, for the baseline, without one) seen through the
 * operations of W4 (docs/benchmarks.md): a read of a hot key, served from the client's memory when
 * the client can, and a plain write that the client's invalidation must make every later read see.
 *
 * <p>Serialization and parsing are as in {@link BenchClient}: a client whose cache holds the JSON
 * text parses it on every read, one whose cache holds parsed objects does not (that is part of what
 * its near cache buys). An implementation is opened once per JMH trial and then called from all
 * benchmark threads at once, so it must be thread-safe. {@link #close()} releases everything it
 * opened.
 */
public interface NearCacheBenchClient extends OpenClient {

  /** Reads the payload under {@code key} (through the near cache), or {@code null} if none. */
  Payload read(String key);

  /** Stores {@code value} as JSON under {@code key}, without a time to live (a plain SET). */
  void write(String key, Payload value);

  @Override
  void close();
}
