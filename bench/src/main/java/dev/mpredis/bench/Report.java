package dev.mpredis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns JMH's JSON results (and the redis-benchmark limit) into the one Markdown table of the
 * benchmark run: per workload, threads and client, the throughput (or ms per 10,000 for W2), the
 * client's CPU per operation ({@link CpuProfiler}), the allocation per operation (JMH's {@code gc}
 * profiler), and the ratio to raw Lettuce and, once present, to mp-redis, each in the form that
 * matches the workload ({@link Workload}: async clients for W1-async; for W4 Lettuce without a near
 * cache and mp-redis with one).
 *
 * <p>Stateless; thread-safe.
 */
public final class Report {

  /**
   * The client the "vs raw Lettuce" ratio is taken against, except where the workload names another
   * ({@code lettuce-async} for W1-async).
   */
  public static final String REFERENCE = "lettuce";

  /**
   * The mp-redis client the "vs mp-redis" ratio is taken against once its rows exist, except where
   * the workload names another ({@code mpredis-async} for W1-async, {@code mpredis-near} for W4).
   */
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
      double allocBytesPerOp,
      String reference,
      String ours) {}

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
    Workload workload = Workload.of(benchmark);
    int perOp = workload == null ? 1 : workload.valuesPerOp;
    JsonNode primary = result.path("primaryMetric");
    JsonNode secondary = result.path("secondaryMetrics");
    return new Row(
        workload == null ? benchmark : workload.label,
        workload == null ? Workload.values().length : workload.ordinal(),
        result.path("threads").asInt(),
        result.path("params").path("client").asText("?"),
        !"avgt".equals(result.path("mode").asText()),
        primary.path("score").asDouble(),
        primary.path("scoreError").asDouble(Double.NaN),
        secondary(secondary, CpuProfiler.NAME) / perOp,
        secondary(secondary, ALLOC) / perOp,
        workload == null ? REFERENCE : workload.reference,
        workload == null ? MPREDIS : workload.ours);
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
            .thenComparingInt(r -> clientOrder(r.client())));
    boolean withMpRedis = rows.stream().anyMatch(r -> r.client().equals(r.ours()));
    StringBuilder out = new StringBuilder();
    out.append(
            "| workload | threads | client | result | client CPU µs/op | alloc B/op | vs raw Lettuce")
        .append(withMpRedis ? " | vs mp-redis" : "")
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
          .append(ratio(row, find(rows, row, row.reference())));
      if (withMpRedis) {
        out.append(" | ").append(ratio(row, find(rows, row, row.ours())));
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
            + " (above 1 is faster); raw Lettuce is `lettuce` (for W1-async `lettuce-async`; for W4"
            + " `lettuce`, without a near cache), mp-redis is `mpredis-typed` (for W1-async"
            + " `mpredis-async`; for W4 `mpredis-near`).\n");
    return out.toString();
  }

  /** Sync clients first, then async, then near-cached, each in its enum's order. */
  static int clientOrder(String id) {
    List<String> ids = new ArrayList<>();
    Arrays.stream(Clients.values()).map(Clients::id).forEach(ids::add);
    Arrays.stream(AsyncClients.values()).map(AsyncClients::id).forEach(ids::add);
    Arrays.stream(NearCacheClients.values()).map(NearCacheClients::id).forEach(ids::add);
    int index = ids.indexOf(id);
    return index < 0 ? Integer.MAX_VALUE : index;
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
