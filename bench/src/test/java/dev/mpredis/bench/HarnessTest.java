package dev.mpredis.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/** The pieces of the harness that need no server: data, parameters, report, limit parsing. */
class HarnessTest {

  @Test
  void payload_isAbout200BytesOfJson() {
    for (int i : new int[] {0, 42, Dataset.KEY_COUNT - 1}) {
      byte[] json = Dataset.toJson(Dataset.value(i));
      assertThat(json.length).isBetween(180, 220);
      assertThat(Dataset.fromJson(json)).isEqualTo(Dataset.value(i));
    }
  }

  @Test
  void params_nameKnownClients() throws Exception {
    for (Class<?> benchmark :
        List.of(W1CacheRoundTrip.class, W2Bulk.class, W3LeasePerRequest.class)) {
      String[] names = benchmark.getField("client").getAnnotation(Param.class).value();
      assertThat(names).contains(Report.REFERENCE);
      Arrays.stream(names).forEach(Clients::byId);
    }
    String[] async =
        W1AsyncCacheRoundTrip.class.getField("client").getAnnotation(Param.class).value();
    assertThat(async).contains("lettuce-async");
    Arrays.stream(async).forEach(AsyncClients::byId);
    String[] near = W4NearCache.class.getField("client").getAnnotation(Param.class).value();
    assertThat(near).contains(Report.REFERENCE);
    Arrays.stream(near).forEach(NearCacheClients::byId);
    String[] w3 = W3LeasePerRequest.class.getField("client").getAnnotation(Param.class).value();
    assertThat(w3)
        .containsExactlyInAnyOrder(
            Arrays.stream(Clients.values()).map(Clients::id).toArray(String[]::new));
  }

  @Test
  void byId_unknownName_isRejectedWithTheNames() {
    assertThatThrownBy(() -> Clients.byId("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("lettuce-pool");
  }

  @Test
  void render_ratiosAgainstLettuce_andMpRedisOnceItExists() throws Exception {
    JsonNode results =
        Dataset.MAPPER.readTree(
            "["
                + result("W1CacheRoundTrip.cacheRoundTrip", "thrpt", 32, "lettuce", 50_000)
                + ","
                + result("W1CacheRoundTrip.cacheRoundTrip", "thrpt", 32, "jedis", 60_000)
                + ","
                + result("W2Bulk.readAll", "avgt", 1, "lettuce", 40)
                + ","
                + result("W2Bulk.readAll", "avgt", 1, "jedis", 20)
                + "]");
    List<Report.Row> rows = results.findParents("benchmark").stream().map(Report::row).toList();

    String table = Report.render(rows, List.of(new Limit.Row("-c 32", 91_500, 93_800)));

    assertThat(table)
        .contains("| W1 cache round trip | 32 | jedis | 60.0k ± 1.0k | 20.0 | 300 | 1.20 |")
        .contains("| W2 read 10k | 1 | jedis | 20.0 ± 1.0 ms | 0.0 | 0 | 2.00 |")
        .contains("| `-c 32` | 91.5k | 93.8k |")
        .doesNotContain("vs mp-redis");

    Report.Row mp =
        Report.row(
            Dataset.MAPPER.readTree(
                result("W1CacheRoundTrip.cacheRoundTrip", "thrpt", 32, "mpredis-typed", 75_000)));
    List<Report.Row> withMp = new java.util.ArrayList<>(rows);
    withMp.add(mp);
    assertThat(Report.render(withMp, List.of()))
        .contains("| vs mp-redis |")
        .contains("| W1 cache round trip | 32 | jedis | 60.0k ± 1.0k | 20.0 | 300 | 1.20 | 0.80 |");
  }

  @Test
  void render_asyncAndNearCacheRows_areComparedWithTheirOwnReferences() throws Exception {
    List<Report.Row> rows =
        List.of(
                result(
                    "W1AsyncCacheRoundTrip.cacheRoundTrip", "thrpt", 1, "lettuce-async", 100_000),
                result(
                    "W1AsyncCacheRoundTrip.cacheRoundTrip", "thrpt", 1, "mpredis-async", 125_000),
                result("W1CacheRoundTrip.cacheRoundTrip", "thrpt", 1, "lettuce", 10_000),
                result("W4NearCache.readMostly", "thrpt", 32, "lettuce", 50_000),
                result("W4NearCache.readMostly", "thrpt", 32, "lettuce-near", 200_000),
                result("W4NearCache.readMostly", "thrpt", 32, "mpredis-near", 400_000))
            .stream()
            .map(json -> Report.row(readTree(json)))
            .toList();

    String table = Report.render(rows, List.of());

    assertThat(table)
        .contains(
            "| W1-async, 128 in flight | 1 | lettuce-async | 100.0k ± 1.0k | 20.0 | 300 | 1.00 |"
                + " 0.80 |")
        .contains(
            "| W1-async, 128 in flight | 1 | mpredis-async | 125.0k ± 1.0k | 20.0 | 300 | 1.25 |"
                + " 1.00 |")
        .contains(
            "| W4 near cache, 95% reads | 32 | lettuce-near | 200.0k ± 1.0k | 20.0 | 300 | 4.00 |"
                + " 0.50 |")
        .contains(
            "| W4 near cache, 95% reads | 32 | mpredis-near | 400.0k ± 1.0k | 20.0 | 300 | 8.00 |"
                + " 1.00 |")
        // W1 at 1 thread has no mp-redis row here: no ratio, not a ratio to another workload's.
        .contains("| W1 cache round trip | 1 | lettuce | 10.0k ± 1.0k | 20.0 | 300 | 1.00 | — |");
    assertThat(table.indexOf("W1-async")).isGreaterThan(table.indexOf("| W1 cache round trip"));
    assertThat(table.indexOf("lettuce-near"))
        .isGreaterThan(table.indexOf("| W4 near cache, 95% reads | 32 | lettuce |"));
  }

  @Test
  void nearCacheDefaultRun_leavesOutJedisBelow74() {
    assertThat(NearCacheClients.defaultRun("7.0.15"))
        .containsExactly("lettuce", "lettuce-near", "redisson-near", "mpredis-near");
    assertThat(NearCacheClients.defaultRun("7.4.0")).contains("jedis-near");
    assertThat(NearCacheClients.defaultRun("8.2.1")).contains("jedis-near");
    assertThat(NearCacheClients.defaultRun("6.2.6")).doesNotContain("jedis-near");
    assertThat(NearCacheClients.byId("mpredis-near")).isEqualTo(NearCacheClients.MPREDIS_NEAR);
  }

  private static JsonNode readTree(String json) {
    try {
      return Dataset.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String result(
      String benchmark, String mode, int threads, String client, double score) {
    return """
        {"benchmark":"dev.mpredis.bench.%s","mode":"%s","threads":%d,
         "params":{"client":"%s"},
         "primaryMetric":{"score":%s,"scoreError":%s,"scoreUnit":"x"},
         "secondaryMetrics":{"cpu.us/op":{"score":20.0},"gc.alloc.rate.norm":{"score":300.0}}}
        """
        .formatted(benchmark, mode, threads, client, score, mode.equals("avgt") ? 1.0 : 1000.0);
  }

  @Test
  void limitParse_readsRedisBenchmarkCsv() {
    String csv =
        """
        "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms"
        "SET","91575.09","0.181","0.048","0.175","0.247"
        "GET","93808.63","0.176","0.048","0.167","0.239"
        """;

    assertThat(Limit.parse("-c 32", csv)).isEqualTo(new Limit.Row("-c 32", 91575.09, 93808.63));
  }
}
