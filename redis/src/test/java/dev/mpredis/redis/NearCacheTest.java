package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.internal.DefaultManager;
import dev.mpredis.redis.internal.NearCache;
import dev.mpredis.testkit.FaultProxy;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.RespClient;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The near cache ({@code nearCache=true}) against a real server: hits stay local, every other
 * client's write invalidates, a lost or silent link never serves what it can no longer be told
 * about, ttls hold, flushes clear, the store is bounded. The concurrent proof is {@link
 * NearCacheConsistencyTest}.
 */
@Tag("server")
class NearCacheTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  static final Duration DEADLINE = Duration.ofSeconds(10);

  @RegisterExtension final NearManagers nearManagers = new NearManagers(redis);

  Connection nearConnection(String uri, String options) {
    return nearManagers.connect(uri, options);
  }

  Connection nearConnection() {
    return nearConnection(redis.server().uri(), "");
  }

  static NearCache near(Connection connection) {
    return ((DefaultManager) manager(connection)).nearCache();
  }

  /**
   * Reads {@code key} once every invalidation sent so far has reached the near cache (a PING sent
   * after now answered on its link), so the copy stored is not dropped by a late invalidation of an
   * earlier write.
   */
  static Object fill(Connection connection, String key) {
    long now = System.nanoTime();
    Waits.until("the link catches up", DEADLINE, () -> near(connection).caughtUpWith(now));
    Object value = read(connection, key);
    assertThat(near(connection).holds(key)).isTrue();
    return value;
  }

  static Manager manager(Connection connection) {
    return ((dev.mpredis.redis.internal.Lease) connection).manager();
  }

  /** The value, {@code <notFound>}, or {@code <failed>} (a timeout, a lost link). */
  static Object read(Connection connection, String key) {
    GetCachedValue.Result<Object> result = Redis.getCachedValue(connection, key);
    if (result instanceof GetCachedValue.Success<Object> success) {
      return success.value();
    }
    return result instanceof GetCachedValue.NotFound<Object> ? "<notFound>" : "<failed>";
  }

  static boolean existsOnServer(String key) {
    try {
      return !Long.valueOf(0).equals(redis.server().command("EXISTS", key));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static long serverStat(String section, String name) throws IOException {
    String info = String.valueOf(redis.server().command("INFO", section));
    Matcher m = Pattern.compile(name + "[:=](?:calls=)?(\\d+)").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  @Test
  void hits_checkTheTextUntilOneReadFoundItWellFormed_andBindEveryTime() throws IOException {
    Connection connection = nearConnection();
    redis.server().command("SET", "dup", "{\"a\":1,\"a\":2}");
    redis.server().command("SET", "good", "{\"a\":1}");
    long now = System.nanoTime();
    Waits.until("the link catches up", DEADLINE, () -> near(connection).caughtUpWith(now));
    long hits = near(connection).hits();
    // A duplicate key is refused on the miss that stores the text, and on every hit after it.
    for (int i = 0; i < 3; i++) {
      assertThat(Redis.getCachedValue(connection, "dup"))
          .isInstanceOfSatisfying(
              GetCachedValue.Error.class,
              e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.VALUE_NOT_JSON));
    }
    assertThat(near(connection).hits() - hits).isEqualTo(2);
    // A well-formed text read once skips those checks later, but still has to fit each type.
    assertThat(fill(connection, "good")).isEqualTo(Map.of("a", 1));
    for (int i = 0; i < 2; i++) {
      assertThat(Redis.getCachedValue(connection, "good", Integer.class))
          .isInstanceOfSatisfying(
              GetCachedValue.Error.class,
              e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.VALUE_NOT_CONVERTIBLE));
      assertThat(Redis.getCachedValue(connection, "good", Map.class).orThrow())
          .isEqualTo(Map.of("a", 1));
    }
    assertThat(near(connection).hits() - hits).isEqualTo(6);
  }

  @Test
  void getCachedValue_repeatedRead_isServedWithoutTheServer() throws IOException {
    Connection connection = nearConnection();
    Redis.cacheValue(connection, "hot", Map.of("n", 1)).orThrow();
    assertThat(fill(connection, "hot")).isEqualTo(Map.of("n", 1));

    long keyspaceHits = serverStat("stats", "keyspace_hits");
    long gets = serverStat("commandstats", "cmdstat_get");
    long hits = near(connection).hits();
    for (int i = 0; i < 100; i++) {
      assertThat(read(connection, "hot")).isEqualTo(Map.of("n", 1));
    }

    assertThat(serverStat("stats", "keyspace_hits")).isEqualTo(keyspaceHits);
    assertThat(serverStat("commandstats", "cmdstat_get")).isEqualTo(gets);
    assertThat(near(connection).hits() - hits).isEqualTo(100);
    assertThat(manager(connection).toString()).contains("nearCache=serving (1 entries");
  }

  @Test
  void getCachedValue_returnsAFreshObjectEachRead_soCallersCannotChangeTheCachedValue() {
    Connection connection = nearConnection();
    Redis.cacheValue(connection, "list", List.of(1, 2)).orThrow();
    fill(connection, "list");
    @SuppressWarnings("unchecked")
    List<Object> first = (List<Object>) read(connection, "list");
    try {
      first.add(3);
    } catch (UnsupportedOperationException fine) {
      // immutable is as good
    }
    assertThat(read(connection, "list")).isEqualTo(List.of(1, 2));
  }

  @Test
  void getCachedValues_servesHitsAndReadsMisses() throws IOException {
    Connection connection = nearConnection();
    Redis.cacheValues(connection, Map.of("a", 1, "b", 2)).orThrow();
    fill(connection, "a");
    fill(connection, "b");
    long gets = serverStat("commandstats", "cmdstat_get");

    CachedValues<Object> values =
        Redis.getCachedValues(connection, List.of("a", "b", "c")).orThrow();

    assertThat(values.values()).isEqualTo(Map.of("a", 1, "b", 2));
    assertThat(values.notFound()).containsExactly("c");
    assertThat(serverStat("commandstats", "cmdstat_get") - gets).isEqualTo(1); // only c
  }

  @Test
  void writeByAnotherManager_invalidates_nextReadAfterTheDelaySeesIt() {
    Connection reader = nearConnection();
    Connection writer = nearConnection();
    Redis.cacheValue(writer, "k", "v1").orThrow();
    assertThat(fill(reader, "k")).isEqualTo("v1");
    assertThat(read(reader, "k")).isEqualTo("v1"); // a hit

    Redis.cacheValue(writer, "k", "v2").orThrow();
    long acked = System.nanoTime();
    Waits.until("the reader sees v2", DEADLINE, () -> "v2".equals(read(reader, "k")));
    System.out.printf(
        "near cache: another manager's write seen after %.3f ms%n",
        (System.nanoTime() - acked) / 1e6);
    assertThat(read(writer, "k")).isEqualTo("v2"); // the writer reads its own write at once
  }

  @Test
  void writeByARawClient_invalidates_measuredDelay() throws IOException {
    Connection reader = nearConnection();
    List<Double> delays = new ArrayList<>();
    try (RespClient raw =
        RespClient.connect(redis.server().host(), redis.server().port(), DEADLINE)) {
      raw.command("SET", "k", "0");
      for (int version = 1; version <= 200; version++) {
        read(reader, "k");
        read(reader, "k"); // cached now
        raw.command("SET", "k", String.valueOf(version));
        long acked = System.nanoTime();
        long deadline = acked + DEADLINE.toNanos();
        Object seen;
        do {
          seen = read(reader, "k"); // hits, as fast as they go, until the invalidation lands
        } while (!Integer.valueOf(version).equals(seen) && System.nanoTime() < deadline);
        assertThat(seen).isEqualTo(version);
        delays.add((System.nanoTime() - acked) / 1e6);
      }
    }
    Collections.sort(delays);
    System.out.printf(
        "near cache: a raw client's write seen after median %.3f ms, p99 %.3f ms, max %.3f ms"
            + " (%d writes)%n",
        delays.get(delays.size() / 2),
        delays.get(delays.size() * 99 / 100),
        delays.get(delays.size() - 1),
        delays.size());
  }

  @Test
  void lostLink_clearsTheStore_andNeverServesWhatWasWrittenMeanwhile() throws IOException {
    try (FaultProxy proxy = FaultProxy.start(redis.server().host(), redis.server().port())) {
      Connection connection = nearConnection(proxy.uri(), "&commandTimeout=500ms");
      Redis.cacheValue(connection, "k", "v1").orThrow();
      fill(connection, "k");

      proxy.blackhole(); // silent: no side notices a thing
      redis.server().command("SET", "k", "\"v2\""); // the invalidation goes nowhere
      Waits.until("the silent link stops serving", DEADLINE, () -> !near(connection).isServing());
      for (int i = 0; i < 3; i++) {
        assertThat(read(connection, "k")).isNotEqualTo("v1"); // a timeout, never v1
      }
      proxy.dropAll(); // now the links break
      Waits.until("the store is cleared", DEADLINE, () -> near(connection).size() == 0);
      proxy.passThrough();
      Waits.until("it serves again", DEADLINE, () -> near(connection).isServing());

      assertThat(read(connection, "k")).isEqualTo("v2");
      assertThat(read(connection, "k")).isEqualTo("v2");
    }
  }

  @Test
  void killedListener_clearsTheStore_thenServesAgain() throws IOException {
    Connection connection = nearConnection();
    Redis.cacheValue(connection, "k", "v1").orThrow();
    fill(connection, "k");

    redis.server().command("CLIENT", "KILL", "TYPE", "normal"); // every link, but this one
    Waits.until("the store is cleared", DEADLINE, () -> near(connection).size() == 0);
    redis.server().command("SET", "k", "\"v2\"");
    Waits.until("it serves again", DEADLINE, () -> near(connection).isServing());

    Waits.until("the shared link is back", DEADLINE, () -> "v2".equals(read(connection, "k")));
    assertThat(read(connection, "k")).isEqualTo("v2");
    redis.server().command("SET", "k", "\"v3\"");
    Waits.until("tracking is on again", DEADLINE, () -> "v3".equals(read(connection, "k")));
  }

  @Test
  void keyWithTtl_isNotServedAfterItsTtl() {
    Connection connection = nearConnection();
    Redis.cacheValue(connection, "short", "v", Duration.ofSeconds(1)).orThrow();
    long expiresBy = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    assertThat(fill(connection, "short")).isEqualTo("v");
    long before = near(connection).hits();
    assertThat(read(connection, "short")).isEqualTo("v");
    assertThat(near(connection).hits()).isEqualTo(before + 1);

    // The server's expiry runs on its wall clock, ours on this JVM's monotonic one: wait for the
    // server to have dropped the key, then the near cache must not serve it either.
    Waits.until(
        "the server expires the key",
        Duration.ofNanos(expiresBy - System.nanoTime()).plusSeconds(5),
        () -> !existsOnServer("short"));
    assertThat(read(connection, "short")).isEqualTo("<notFound>");
  }

  @Test
  void nearCacheTtl_boundsTheLifeOfACopy() {
    Connection connection = nearConnection(redis.server().uri(), "&nearCacheTtl=200ms");
    Redis.cacheValue(connection, "k", "v").orThrow();
    fill(connection, "k");
    long filled = System.nanoTime();
    Waits.until(
        "200 ms have passed",
        DEADLINE,
        () -> System.nanoTime() - filled > Duration.ofMillis(200).toNanos());
    long misses = near(connection).misses();

    assertThat(read(connection, "k")).isEqualTo("v");
    assertThat(near(connection).misses()).isEqualTo(misses + 1);
  }

  @Test
  void flushdbByARawClient_andFlushCache_clear() throws IOException {
    Connection reader = nearConnection();
    Redis.cacheValues(reader, Map.of("a", 1, "b", 2)).orThrow();
    fill(reader, "a");
    fill(reader, "b");

    redis.server().command("FLUSHDB"); // the server names no keys: everything goes
    Waits.until("the flush is seen", DEADLINE, () -> near(reader).size() == 0);
    assertThat(read(reader, "a")).isEqualTo("<notFound>");
    assertThat(read(reader, "b")).isEqualTo("<notFound>");

    Redis.cacheValue(reader, "a", 3).orThrow();
    fill(reader, "a");
    Redis.flushCache(reader).orThrow();
    assertThat(read(reader, "a")).isEqualTo("<notFound>"); // its own flush: at once
  }

  @Test
  void ownWrites_destroyAndCacheValues_areReadBackAtOnce() {
    Connection connection = nearConnection();
    Redis.cacheValue(connection, "k", 1).orThrow();
    read(connection, "k");
    Redis.destroyCachedValues(connection, List.of("k")).orThrow();
    assertThat(read(connection, "k")).isEqualTo("<notFound>");
    Redis.cacheValues(connection, Map.of("k", 2)).orThrow();
    assertThat(read(connection, "k")).isEqualTo(2);
    Redis.cacheValues(connection, Map.of("k", 3)).orThrow();
    assertThat(read(connection, "k")).isEqualTo(3);
  }

  @Test
  void store_isBoundedByNearCacheSize() {
    Connection connection = nearConnection(redis.server().uri(), "&nearCacheSize=10");
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      values.put("k" + i, i);
    }
    Redis.cacheValues(connection, values).orThrow();
    for (String key : values.keySet()) {
      assertThat(read(connection, key)).isEqualTo(values.get(key));
    }
    assertThat(near(connection).size()).isLessThanOrEqualTo(10);
    for (String key : values.keySet()) {
      assertThat(read(connection, key)).isEqualTo(values.get(key)); // evicted or not: correct
    }
  }

  @Test
  void namespace_tracksOnlyItsPrefix() throws IOException {
    Connection connection = nearConnection(redis.server().uri(), "&namespace=app1");
    Redis.cacheValue(connection, "k", "v1").orThrow();
    read(connection, "k");
    redis.server().command("SET", "app1:k", "\"v2\"");
    Waits.until("the write is seen", DEADLINE, () -> "v2".equals(read(connection, "k")));
  }
}
