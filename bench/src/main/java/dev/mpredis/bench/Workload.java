package dev.mpredis.bench;

/**
 * The workloads of docs/benchmarks.md as the report shows them: the row label, which JMH benchmark
 * produces them, how many values one JMH operation handles, and which client each row is compared
 * with: raw Lettuce in its matching form, and mp-redis's row of the same workload.
 */
enum Workload {
  W1("W1 cache round trip", "W1CacheRoundTrip.", 1, "lettuce", "mpredis-typed"),
  W1_ASYNC(
      "W1-async, " + W1AsyncCacheRoundTrip.IN_FLIGHT + " in flight",
      "W1AsyncCacheRoundTrip.",
      1,
      "lettuce-async",
      "mpredis-async"),
  W2_WRITE("W2 write 10k", "W2Bulk.writeAll", Dataset.KEY_COUNT, "lettuce", "mpredis-typed"),
  W2_READ("W2 read 10k", "W2Bulk.readAll", Dataset.KEY_COUNT, "lettuce", "mpredis-typed"),
  W3("W3 lease per request", "W3LeasePerRequest.", 1, "lettuce", "mpredis-typed"),
  W4("W4 near cache, 95% reads", "W4NearCache.", 1, "lettuce", "mpredis-near");

  /** The label of the report's rows. */
  final String label;

  /**
   * What follows the package in the JMH benchmark name ({@code Class.} or {@code Class.method}).
   */
  private final String benchmark;

  /** Values per JMH operation: W2's CPU and allocation are reported per value. */
  final int valuesPerOp;

  /** The raw Lettuce row of this workload that the "vs raw Lettuce" ratio divides by. */
  final String reference;

  /** The mp-redis row of this workload that the "vs mp-redis" ratio divides by. */
  final String ours;

  Workload(String label, String benchmark, int valuesPerOp, String reference, String ours) {
    this.label = label;
    this.benchmark = benchmark;
    this.valuesPerOp = valuesPerOp;
    this.reference = reference;
    this.ours = ours;
  }

  /** The workload of the JMH benchmark named {@code benchmark}, or {@code null} if none. */
  static Workload of(String benchmark) {
    for (Workload workload : values()) {
      if (benchmark.contains("." + workload.benchmark)) {
        return workload;
      }
    }
    return null;
  }
}
