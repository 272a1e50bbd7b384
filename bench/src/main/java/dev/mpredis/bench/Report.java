package dev.mpredis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns JMH's JSON results (and the redis-benchmark limit) into the one Markdown table of the
 * benchmark run: per workload, threads and client, the throughput (or ms per 10,000 for W2), the
 * client's CPU per operation ({@link CpuProfiler}), the allocation per operation (JMH's {@code gc}
 * profiler), and the ratio to raw Lettuce and, once present, to mp-redis's typed API.
 *
 * <p>Stateless; thread-safe.
 */
public final class Report {

  /** The client every ratio is taken against. */
  public static final String REFERENCE = "lettuce";

  /** The mp-redis client compared with once its rows exist. */
  public static final String MPREDIS = "mpredis-typed";

  private static final String ALLOC = "gc.alloc.rate.norm";

  /** One benchmark result. */
  public record Row(
      String workload,
      int order,
      int threads,
      String client,
      boolean higherIsBetter,
      double score,
      double error,
      double cpuMicrosPerOp,
      double allocBytesPerOp) {}

  private Report() {}

  /** Reads the rows of one JMH JSON result file. */
  public static List<Row> read(Path jmhJson) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (JsonNode result : Dataset.MAPPER.readTree(jmhJson.toFile())) {
      rows.add(row(result));
    }
    return rows;
  }

  static Row row(JsonNode result) {
    String benchmark = result.path("benchmark").asText();
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    String workload;
    int order;
    int perOp = 1; // W2: one JMH operation is 10,000 values; CPU and allocation are per value.
    if (benchmark.contains(".W1")) {
      workload = "W1 cache round trip";
      order = 1;
    } else if (benchmark.contains(".W2") && method.equals("writeAll")) {
      workload = "W2 write 10k";
      order = 2;
      perOp = Dataset.KEY_COUNT;
    } else if (benchmark.contains(".W2")) {
      workload = "W2 read 10k";
      order = 3;
      perOp = Dataset.KEY_COUNT;
    } else if (benchmark.contains(".W3")) {
      workload = "W3 lease per request";
      order = 4;
    } else {
      workload = benchmark;
      order = 9;
    }
    JsonNode primary = result.path("primaryMetric");
    JsonNode secondary = result.path("secondaryMetrics");
    return new Row(
        workload,
        order,
        result.path("threads").asInt(),
        result.path("params").path("client").asText("?"),
        !"avgt".equals(result.path("mode").asText()),
        primary.path("score").asDouble(),
        primary.path("scoreError").asDouble(Double.NaN),
        secondary(secondary, CpuProfiler.NAME) / perOp,
        secondary(secondary, ALLOC) / perOp);
  }

  private static double secondary(JsonNode secondary, String suffix) {
    var names = secondary.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (name.endsWith(suffix)) {
        return secondary.path(name).path("score").asDouble(Double.NaN);
      }
    }
    return Double.NaN;
  }

  /** The Markdown table of {@code rows}, then the limit rows (if any). */
  public static String render(List<Row> rows, List<Limit.Row> limit) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(
        Comparator.comparingInt(Row::order)
            .thenComparingInt(Row::threads)
            .thenComparing(r -> Clients.order(r.client())));
    boolean withMpRedis = rows.stream().anyMatch(r -> r.client().equals(MPREDIS));
    StringBuilder out = new StringBuilder();
    out.append("| workload | threads | client | result | client CPU µs/op | alloc B/op | vs ")
        .append(REFERENCE)
        .append(withMpRedis ? " | vs " + MPREDIS : "")
        .append(" |\n|---|---:|---|---:|---:|---:|---:")
        .append(withMpRedis ? "|---:" : "")
        .append("|\n");
    for (Row row : sorted) {
      out.append("| ")
          .append(row.workload())
          .append(" | ")
          .append(row.threads())
          .append(" | ")
          .append(row.client())
          .append(" | ")
          .append(score(row))
          .append(" | ")
          .append(fixed(row.cpuMicrosPerOp(), 1))
          .append(" | ")
          .append(fixed(row.allocBytesPerOp(), 0))
          .append(" | ")
          .append(ratio(row, find(rows, row, REFERENCE)));
      if (withMpRedis) {
        out.append(" | ").append(ratio(row, find(rows, row, MPREDIS)));
      }
      out.append(" |\n");
    }
    if (!limit.isEmpty()) {
      out.append("\n| limit: redis-benchmark `-t set,get -d 200` | SET ops/s | GET ops/s |\n")
          .append("|---|---:|---:|\n");
      for (Limit.Row row : limit) {
        out.append("| `")
            .append(row.config())
            .append("` | ")
            .append(rate(row.setPerSecond()))
            .append(" | ")
            .append(rate(row.getPerSecond()))
            .append(" |\n");
      }
    }
    out.append(
        "\nresult: ops/s (± JMH's 99.9% error), W2 in ms per 10,000 values. W2's CPU and allocation"
            + " are per value. vs: speed relative to that client in the same workload and threads"
            + " (above 1 is faster).\n");
    return out.toString();
  }

  private static Optional<Row> find(List<Row> rows, Row like, String client) {
    return rows.stream()
        .filter(
            r ->
                r.client().equals(client)
                    && r.workload().equals(like.workload())
                    && r.threads() == like.threads())
        .findFirst();
  }

  private static String ratio(Row row, Optional<Row> reference) {
    if (reference.isEmpty() || row.score() <= 0 || reference.get().score() <= 0) {
      return "—";
    }
    double ratio =
        row.higherIsBetter()
            ? row.score() / reference.get().score()
            : reference.get().score() / row.score();
    return String.format(Locale.ROOT, "%.2f", ratio);
  }

  private static String score(Row row) {
    if (row.higherIsBetter()) {
      return rate(row.score()) + (Double.isNaN(row.error()) ? "" : " ± " + rate(row.error()));
    }
    return fixed(row.score(), 1)
        + (Double.isNaN(row.error()) ? "" : " ± " + fixed(row.error(), 1))
        + " ms";
  }

  private static String rate(double perSecond) {
    if (Double.isNaN(perSecond)) {
      return "—";
    }
    return perSecond >= 1000
        ? String.format(Locale.ROOT, "%.1fk", perSecond / 1000)
        : String.format(Locale.ROOT, "%.0f", perSecond);
  }

  private static String fixed(double value, int decimals) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
