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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1-async (docs/benchmarks.md): W1's operations (alternately {@code cache-value} with ttl 3600 s
 * and {@code get-cached-value} + parse of a random key among {@code bench:key:0..9999}) through
 * each client's asynchronous API, with {@value #IN_FLIGHT} operations in flight per benchmark
 * thread. Run with 1 thread ({@link BenchMain} sets it): what one thread gets out of a client that
 * does not make it wait for each reply.
 *
 * <p>One JMH operation = one completed client operation: the {@link InFlightWindow} is filled
 * before each iteration, each invocation waits for the oldest operation and starts a new one, and
 * the window is drained after the iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class W1AsyncCacheRoundTrip {

  /** Operations in flight per benchmark thread. */
  public static final int IN_FLIGHT = 128;

  @Param({"lettuce-async", "redisson-async", "mpredis-async"})
  public String client;

  private Session<AsyncBenchClient> session;
  private AsyncBenchClient bench;

  /** One thread's window of operations in flight, and which half of the 50/50 mix is next. */
  @State(Scope.Thread)
  public static class Window {
    private final InFlightWindow window = new InFlightWindow(IN_FLIGHT);
    private final InFlightWindow.Operation nextOperation = this::next; // one lambda, not one per op
    private boolean write;
    private AsyncBenchClient bench;

    @Setup(Level.Iteration)
    public void fill(W1AsyncCacheRoundTrip trial) {
      bench = trial.bench;
      window.fill(nextOperation);
    }

    @TearDown(Level.Iteration)
    public void drain() {
      window.drain();
    }

    private InFlightWindow.Started next() {
      int i = ThreadLocalRandom.current().nextInt(Dataset.KEY_COUNT);
      String key = Dataset.key(i);
      write = !write;
      if (write) {
        return new InFlightWindow.Started(
            bench.cacheValueAsync(key, Dataset.value(i), Dataset.TTL_SECONDS), null);
      }
      return new InFlightWindow.Started(bench.getCachedValueAsync(key), key);
    }
  }

  @Setup(Level.Trial)
  public void open() {
    session = AsyncSession.open(client);
    bench = session.client();
  }

  @TearDown(Level.Trial)
  public void close() {
    session.close();
  }

  @Benchmark
  public Object cacheRoundTrip(Window window) {
    return window.window.replaceOldest(window.nextOperation);
  }
}
