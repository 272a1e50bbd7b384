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
 * W4, near cache (docs/benchmarks.md): each operation is, at random, a read ({@value
 * #READ_PERCENT}%: get + parse of one of the {@value Dataset#HOT_COUNT} hot keys {@code
 * bench:hot:0..99}, through the client's near cache) or a write (SET of another dataset value to a
 * random hot key). Run with 32 threads ({@link BenchMain} sets it).
 *
 * <p>The {@code @Param} list is what {@code java -jar benchmarks.jar W4} runs; {@link BenchMain}
 * passes its own list ({@link NearCacheClients#defaultRun} and {@code --add-client}). {@code
 * jedis-near} (Redis 7.4+) is run with {@code -p client=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class W4NearCache {

  /** The share of reads, in percent; the rest are writes. */
  public static final int READ_PERCENT = 95;

  @Param({"lettuce", "lettuce-near", "redisson-near", "mpredis-near"})
  public String client;

  private Session<NearCacheBenchClient> session;
  private NearCacheBenchClient bench;

  @Setup(Level.Trial)
  public void open() {
    session = NearCacheSession.open(client);
    bench = session.client();
  }

  @TearDown(Level.Trial)
  public void close() {
    session.close();
  }

  @Benchmark
  public Payload readMostly() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String key = Dataset.hotKey(random.nextInt(Dataset.HOT_COUNT));
    if (random.nextInt(100) >= READ_PERCENT) {
      bench.write(key, Dataset.value(random.nextInt(Dataset.KEY_COUNT)));
      return null;
    }
    return Session.require(bench.read(key), key);
  }
}
