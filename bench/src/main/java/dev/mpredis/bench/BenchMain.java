package dev.mpredis.bench;

import dev.mpredis.testkit.RedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole benchmark set of docs/benchmarks.md in one go: starts one redis-server with the
 * test kit ({@code $REDIS_SERVER} or the bundled binary; loopback, no persistence), prefills the
 * keys, runs the JMH benchmarks in forks that all use that server, runs redis-benchmark against it
 * when one is found, and prints one Markdown table (also written to {@code <out>/results.md}).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.mpredis.bench.BenchMain [--quick|--full|--smoke]
 *     [--out DIR] [--only REGEX] [--add-client ID]...
 * </pre>
 *
 * <p>W1-async always runs on 1 thread, W4 on the mode's largest thread count. {@code --add-client}
 * adds a W4 client that the default run leaves out ({@link NearCacheClients#defaultRun}): today
 * {@code jedis-near} on a server below 7.4 (where Jedis refuses to start its cache, and the run
 * reports that fork's failure).
 */
public final class BenchMain {

  /** How long and how often to measure. */
  enum Mode {
    /** A harness check: tiny iterations, numbers meaningless. */
    SMOKE(1, 0, 0, 1, 300, new int[] {2}, 2_000),
    /** A minute or two: one fork, short iterations, 32 threads only. */
    QUICK(1, 2, 1000, 3, 1000, new int[] {32}, 20_000),
    /** Some minutes: two forks, longer iterations, 1 and 32 threads. */
    FULL(2, 2, 2000, 4, 2000, new int[] {1, 32}, 50_000);

    final int forks;
    final int warmups;
    final int warmupMillis;
    final int iterations;
    final int iterationMillis;
    final int[] threads;
    final int limitRequests;

    Mode(
        int forks,
        int warmups,
        int warmupMillis,
        int iterations,
        int iterationMillis,
        int[] threads,
        int limitRequests) {
      this.forks = forks;
      this.warmups = warmups;
      this.warmupMillis = warmupMillis;
      this.iterations = iterations;
      this.iterationMillis = iterationMillis;
      this.threads = threads;
      this.limitRequests = limitRequests;
    }
  }

  private BenchMain() {}

  public static void main(String[] args) throws IOException, RunnerException {
    Mode mode = Mode.QUICK;
    Path out = Path.of("bench/target/results");
    String only = ".*";
    List<String> addedClients = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> mode = Mode.QUICK;
        case "--full" -> mode = Mode.FULL;
        case "--smoke" -> mode = Mode.SMOKE;
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--only" -> only = value(args, ++i, "--only");
        case "--add-client" ->
            addedClients.add(NearCacheClients.byId(value(args, ++i, "--add-client")).id());
        default ->
            throw new IllegalArgumentException(
                "argument was set to "
                    + args[i]
                    + ", must be one of --quick, --full, --smoke, --out DIR, --only REGEX,"
                    + " --add-client ID");
      }
    }
    Files.createDirectories(out);

    try (RedisServer server = RedisServer.startPlain()) {
      BenchServer.of(server).prefillIfMissing();
      Endpoint endpoint = new Endpoint(server.host(), server.port());
      String version = server.binary().version();
      List<Report.Row> rows = new ArrayList<>();
      for (int threads : mode.threads) {
        String w1w3 = "\\.(W1CacheRoundTrip|W3LeasePerRequest)\\.";
        rows.addAll(jmh(mode, endpoint, out, "w1-w3-t" + threads, w1w3, only, threads, null));
      }
      String async = "\\.W1AsyncCacheRoundTrip\\.";
      rows.addAll(jmh(mode, endpoint, out, "w1-async", async, only, 1, null));
      rows.addAll(jmh(mode, endpoint, out, "w2", "\\.W2Bulk\\.", only, 1, null));
      List<String> nearClients = new ArrayList<>(NearCacheClients.defaultRun(version));
      addedClients.stream().filter(id -> !nearClients.contains(id)).forEach(nearClients::add);
      if (!nearClients.contains(NearCacheClients.JEDIS_NEAR.id())) {
        System.err.println(
            "W4: jedis-near left out (Jedis's client-side cache needs Redis 7.4+, this is "
                + version
                + "; --add-client jedis-near to try)");
      }
      int w4Threads = Arrays.stream(mode.threads).max().orElseThrow();
      rows.addAll(
          jmh(mode, endpoint, out, "w4", "\\.W4NearCache\\.", only, w4Threads, nearClients));

      List<Limit.Row> limit = new ArrayList<>();
      Optional<Path> redisBenchmark = Limit.findBinary();
      if (redisBenchmark.isPresent()) {
        limit.addAll(Limit.run(redisBenchmark.get(), endpoint, mode.limitRequests));
      } else {
        System.err.println("no redis-benchmark (set REDIS_BENCHMARK): no limit rows");
      }

      String header =
          String.format(
              "mode %s, %s, %d cores, JDK %s (%s), redis-server %s%n%n",
              mode.name().toLowerCase(java.util.Locale.ROOT),
              LocalDate.now(),
              Runtime.getRuntime().availableProcessors(),
              System.getProperty("java.version"),
              System.getProperty("java.vm.name"),
              version);
      String table = header + Report.render(rows, limit);
      Files.writeString(out.resolve("results.md"), table, StandardCharsets.UTF_8);
      System.out.println();
      System.out.println(table);
    }
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static List<Report.Row> jmh(
      Mode mode,
      Endpoint endpoint,
      Path out,
      String name,
      String include,
      String only,
      int threads,
      List<String> clients)
      throws RunnerException, IOException {
    Path json = out.resolve("jmh-" + name + ".json");
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            // JMH ORs several includes; a lookahead ANDs --only with the workload's pattern.
            .include("^(?=.*(?:" + only + ")).*" + include)
            .threads(threads)
            .forks(mode.forks)
            .warmupIterations(mode.warmups)
            .warmupTime(TimeValue.milliseconds(Math.max(1, mode.warmupMillis)))
            .measurementIterations(mode.iterations)
            .measurementTime(TimeValue.milliseconds(mode.iterationMillis))
            .jvmArgsAppend(
                "-D" + BenchServer.PORT_PROPERTY + "=" + endpoint.port(), "-Xms1g", "-Xmx1g")
            .addProfiler(GCProfiler.class)
            .addProfiler(CpuProfiler.class)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString());
    if (clients != null) {
      options.param("client", clients.toArray(String[]::new)); // instead of the @Param list
    }
    try {
      new Runner(options.build()).run();
    } catch (RunnerException e) {
      String message = e + " " + e.getMessage();
      if (message.contains("No matching benchmarks") || message.contains("No benchmarks to run")) {
        return List.of(); // --only excluded this group
      }
      throw e;
    }
    return Report.read(json);
  }
}
