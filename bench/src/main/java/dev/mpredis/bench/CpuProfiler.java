package dev.mpredis.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the client's CPU time per operation: the process CPU time of the
 * benchmark JVM (all its threads: benchmark, I/O, GC, JIT) over an iteration, divided by the
 * operations JMH counted in it. The Redis server is another process, so it is not included. Use
 * with {@code -prof dev.mpredis.bench.CpuProfiler}; the secondary result is {@value #NAME}.
 *
 * <p>The iteration's CPU time includes JMH's short synchronisation before and after the measured
 * window, so short iterations overstate the figure slightly.
 */
public final class CpuProfiler implements InternalProfiler {

  /** The name of the secondary result. */
  public static final String NAME = "cpu.us/op";

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long before;

  @Override
  public String getDescription() {
    return "process CPU time of the benchmark JVM per operation, in microseconds";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpuNanos = os.getProcessCpuTime() - before;
    long ops = result.getMetadata().getMeasuredOps();
    double perOp = ops > 0 ? cpuNanos / 1000.0 / ops : Double.NaN;
    return List.of(new ScalarResult(NAME, perOp, "us/op", AggregationPolicy.AVG));
  }
}
