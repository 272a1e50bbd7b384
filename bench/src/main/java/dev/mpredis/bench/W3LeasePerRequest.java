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
 * W3, lease per request (docs/benchmarks.md): each operation acquires a connection or resource,
 * runs one {@code get-cached-value} of a random key, and releases it. Run with 1 and 32 threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class W3LeasePerRequest {

  // Add "mpredis-typed" and "mpredis-dynamic" here once their adapters exist (see Clients).
  @Param({
    "lettuce",
    "lettuce-pool",
    "jedis",
    "redisson",
    "spring",
    "mpredis-typed",
    "mpredis-dynamic"
  })
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
  public Payload leaseAndGet() {
    String key = Dataset.key(ThreadLocalRandom.current().nextInt(Dataset.KEY_COUNT));
    return Session.require(bench.leaseAndGet(key), key);
  }
}
