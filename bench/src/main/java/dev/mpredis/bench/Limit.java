package dev.mpredis.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The limit row of docs/benchmarks.md: {@code redis-benchmark -t set,get -d 200} against the
 * benchmark server, with {@code -c 1}, {@code -c 32} and {@code -c 32 -P 16}. The binary is {@code
 * $REDIS_BENCHMARK}, else {@code redis-benchmark} on the {@code PATH}; without one there is no
 * limit row.
 */
public final class Limit {

  /** The environment variable that names the redis-benchmark binary. */
  public static final String ENV_VARIABLE = "REDIS_BENCHMARK";

  /** One configuration's result: requests per second of SET and GET. */
  public record Row(String config, double setPerSecond, double getPerSecond) {}

  private Limit() {}

  /** The redis-benchmark binary to use, if there is one. */
  public static Optional<Path> findBinary() {
    String env = System.getenv(ENV_VARIABLE);
    if (env != null && !env.isBlank()) {
      Path path = Path.of(env);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException(ENV_VARIABLE + " was set to " + env + ", not executable");
      }
      return Optional.of(path);
    }
    String pathVariable = System.getenv().getOrDefault("PATH", "");
    for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, "redis-benchmark");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the three configurations against {@code endpoint}; {@code requests} is the {@code -n} of
   * the single-connection run, the others use 5 and 20 times as many.
   *
   * @throws IllegalStateException if redis-benchmark fails or prints no result
   */
  public static List<Row> run(Path binary, Endpoint endpoint, int requests) {
    List<Row> rows = new ArrayList<>();
    rows.add(runOne(binary, endpoint, "-c 1", requests, 1, 1));
    rows.add(runOne(binary, endpoint, "-c 32", 5 * requests, 32, 1));
    rows.add(runOne(binary, endpoint, "-c 32 -P 16", 20 * requests, 32, 16));
    return rows;
  }

  private static Row runOne(
      Path binary, Endpoint endpoint, String label, int requests, int clients, int pipeline) {
    List<String> command =
        List.of(
            binary.toString(),
            "-h",
            endpoint.host(),
            "-p",
            Integer.toString(endpoint.port()),
            "-t",
            "set,get",
            "-d",
            "200",
            "-r",
            Integer.toString(Dataset.KEY_COUNT),
            "-n",
            Integer.toString(requests),
            "-c",
            Integer.toString(clients),
            "-P",
            Integer.toString(pipeline),
            "--csv");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "redis-benchmark " + label + " failed: " + String.join(" ", command) + "\n" + output);
      }
      return parse(label, output);
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + binary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running redis-benchmark", e);
    }
  }

  /** Reads the SET and GET rates from redis-benchmark's {@code --csv} output. */
  static Row parse(String label, String csv) {
    double set = Double.NaN;
    double get = Double.NaN;
    for (String line : csv.split("\\R")) {
      String[] cells = line.replace("\"", "").split(",");
      if (cells.length >= 2 && cells[0].equals("SET")) {
        set = Double.parseDouble(cells[1]);
      } else if (cells.length >= 2 && cells[0].equals("GET")) {
        get = Double.parseDouble(cells[1]);
      }
    }
    if (Double.isNaN(set) || Double.isNaN(get)) {
      throw new IllegalStateException("no SET/GET rate in redis-benchmark output:\n" + csv);
    }
    return new Row(label, set, get);
  }
}
