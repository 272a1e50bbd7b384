package dev.mpredis.bench;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1, cache round trip (docs/benchmarks.md): each operation is, in turn per thread, a {@code
 * cache-value} (ttl 3600 s) or a {@code get-cached-value} of a random key among {@code
 * bench:key:0..9999}, on the client's one long-lived connection or manager. Run with 1 and 32
 * threads ({@link BenchMain} sets the thread count).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class W1CacheRoundTrip {

  // Add "mpredis-typed" and "mpredis-dynamic" here once their adapters exist (see Clients).
  @Param({"lettuce", "jedis", "redisson", "spring", "mpredis-typed", "mpredis-dynamic"})
  public String client;

  private Session<BenchClient> session;
  private BenchClient bench;

  /** Which half of the 50/50 mix a thread runs next. */
  @State(Scope.Thread)
  public static class Turn {
    private boolean write;

    boolean next() {
      write = !write;
      return write;
    }
  }

  @Setup(Level.Trial)
  public void open() {
    session = Session.open(client);
    bench = session.client();
  }

  @TearDown(Level.Trial)
  public void close() {
    session.close();
  }

  @Benchmark
  public Payload cacheRoundTrip(Turn turn) {
    int i = ThreadLocalRandom.current().nextInt(Dataset.KEY_COUNT);
    String key = Dataset.key(i);
    if (turn.next()) {
      bench.cacheValue(key, Dataset.value(i), Dataset.TTL_SECONDS);
      return null;
    }
    return Session.require(bench.getCachedValue(key), key);
  }
}
