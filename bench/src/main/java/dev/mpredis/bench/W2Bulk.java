package dev.mpredis.bench;

import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W2, bulk (docs/benchmarks.md): one operation writes all 10,000 values ({@link #writeAll}) or
 * reads all 10,000 back ({@link #readAll}), single thread, with each client's best batching. The
 * score is milliseconds per 10,000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class W2Bulk {

  // Add "mpredis-typed" and "mpredis-dynamic" here once their adapters exist (see Clients).
  @Param({"lettuce", "jedis", "redisson", "spring", "mpredis-typed", "mpredis-dynamic"})
  public String client;

  private Session<BenchClient> session;
  private BenchClient bench;

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
  public void writeAll() {
    bench.writeAll(Dataset.keys(), Dataset.values());
  }

  @Benchmark
  public List<Payload> readAll() {
    List<Payload> all = bench.readAll(Dataset.keys());
    if (all.size() != Dataset.KEY_COUNT || all.get(Dataset.KEY_COUNT - 1) == null) {
      throw new IllegalStateException(client + " read " + all.size() + " values back");
    }
    return all;
  }
}
