package dev.mpredis.redis;

import static dev.mpredis.redis.NearCacheTest.DEADLINE;
import static dev.mpredis.redis.NearCacheTest.fill;
import static dev.mpredis.redis.NearCacheTest.near;
import static dev.mpredis.redis.NearCacheTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpredis.testkit.FaultProxy;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The near cache and this manager's own writes. Its invalidations come on the shared connection
 * with NOLOOP, so the server never tells it about a write made on that connection: every machine
 * that writes must tell the near cache itself. These tests fail if one forgets (the copy read
 * before the write would be served for the near cache's whole ttl).
 */
class NearCacheOwnWritesTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  @RegisterExtension final NearManagers nearManagers = new NearManagers(redis);

  Connection nearConnection(String uri) {
    return nearManagers.connect(uri, "");
  }

  static long gets() throws IOException {
    String info = String.valueOf(redis.server().command("INFO", "commandstats"));
    Matcher m = Pattern.compile("cmdstat_get:calls=(\\d+)").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  static Object onServer(String key) throws IOException {
    return redis.server().command("GET", key);
  }

  @Test
  void cacheValue_onTheSharedLease_storesWhatItWrote_theNextReadNeedsNoServer() throws IOException {
    Connection connection = nearConnection(redis.server().uri());
    Redis.cacheValue(connection, "k", Map.of("v", 1)).orThrow();
    long before = gets();

    assertThat(read(connection, "k")).isEqualTo(Map.of("v", 1));
    Redis.cacheValue(connection, "k", Map.of("v", 2)).orThrow();
    assertThat(read(connection, "k")).isEqualTo(Map.of("v", 2));

    assertThat(gets()).isEqualTo(before);
    assertThat(near(connection).hits()).isEqualTo(2);
  }

  @Test
  void getOrCacheValue_storesWhatItComputed() throws IOException {
    Connection connection = nearConnection(redis.server().uri());
    Redis.getOrCacheValue(connection, "k", String.class, null, () -> "computed").orThrow();
    long before = gets();

    assertThat(read(connection, "k")).isEqualTo("computed");
    assertThat(gets()).isEqualTo(before);
  }

  @Test
  void cacheValue_onADedicatedLease_isReadBackOnTheSharedOne() {
    Connection shared = nearConnection(redis.server().uri());
    Redis.cacheValue(shared, "k", "v1").orThrow();
    fill(shared, "k");
    Connection dedicated =
        GetConnection.INSTANCE
            .run(
                () ->
                    new GetConnection.Inputs(
                        NearCacheTest.manager(shared), null, Map.of("dedicated", true)))
            .orThrow();
    try {
      Redis.cacheValue(dedicated, "k", "v2").orThrow();
      assertThat(read(shared, "k")).isEqualTo("v2");
    } finally {
      Redis.releaseConnection(dedicated).orThrow();
    }
  }

  /**
   * Each write a machine can make on the shared lease to a key the near cache holds, with what puts
   * the key there first. acquire-lock and get-or-cache-value's store only write a key that is
   * absent, and absent keys are never held, so they have no row.
   */
  static Stream<Arguments> writesOfKeyK() {
    Consumer<Connection> json = c -> Redis.cacheValue(c, "k", "v1").orThrow();
    return Stream.of(
        write("send-command SET", json, c -> Redis.sendCommand(c, "SET", "k", "\"v2\"")),
        write(
            "send-command EVAL",
            json,
            c ->
                Redis.sendCommand(
                    c, "EVAL", "return redis.call('SET', KEYS[1], ARGV[1])", 1, "k", "\"v2\"")),
        write("cache-values", json, c -> Redis.cacheValues(c, Map.of("k", "v2")).orThrow()),
        write(
            "destroy-cached-values",
            json,
            c -> Redis.destroyCachedValues(c, List.of("k")).orThrow()),
        write(
            "rate-limit",
            c -> Redis.cacheValue(c, "k", 0).orThrow(), // a count is JSON too
            c -> Redis.rateLimit(c, "k", 5, Duration.ofMinutes(1)).orThrow()),
        write(
            "release-lock",
            c -> Redis.acquireLock(c, "k", Duration.ofMinutes(1), Duration.ZERO).orThrow(),
            c -> {
              Object token = onServerUnchecked("k");
              Redis.releaseLock(c, "k", String.valueOf(token)).orThrow();
            }),
        write("flush-cache", json, c -> Redis.flushCache(c).orThrow()));
  }

  static Arguments write(String name, Consumer<Connection> setup, Consumer<Connection> write) {
    return Arguments.of(name, setup, write);
  }

  static Object onServerUnchecked(String key) {
    try {
      return onServer(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a read must return after the write: the server's value, as get-cached-value reads it. */
  static Object expectedRead(String key) throws IOException {
    Object stored = onServer(key);
    if (stored == null) {
      return "<notFound>";
    }
    try {
      return new ObjectMapper().readValue(String.valueOf(stored), Object.class);
    } catch (JsonProcessingException e) {
      return "<failed>";
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writesOfKeyK")
  void everyWriteOnTheSharedLease_isSeenByTheNextRead(
      String name, Consumer<Connection> setup, Consumer<Connection> write) throws IOException {
    Connection connection = nearConnection(redis.server().uri());
    setup.accept(connection);
    fill(connection, "k");
    Object before = expectedRead("k");

    write.accept(connection);

    Object expected = expectedRead("k");
    assertThat(expected).as(name + " changed the key").isNotEqualTo(before);
    assertThat(read(connection, "k")).as(name).isEqualTo(expected);
  }

  @Test
  void concurrentWritesOfOneKey_leaveTheCopyTheServerHas() throws Exception {
    Connection connection = nearConnection(redis.server().uri());
    List<String> keys = List.of("a", "b", "c");
    for (int round = 0; round < 5; round++) {
      int base = round * 10_000;
      List<Thread> writers = new ArrayList<>();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int t = 0; t < 6; t++) {
        int writer = t;
        Thread thread =
            new Thread(
                () -> {
                  try {
                    for (int i = 0; i < 150; i++) {
                      String key = keys.get((writer + i) % keys.size());
                      Redis.cacheValue(connection, key, base + writer * 1000 + i).orThrow();
                      read(connection, key); // fills and hits interleave with the writes
                    }
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                });
        thread.start();
        writers.add(thread);
      }
      for (Thread writer : writers) {
        writer.join(DEADLINE.toMillis());
      }
      assertThat(failures).isEmpty();
      for (String key : keys) {
        // Own writes are never echoed (NOLOOP): a wrong last copy would stay until its ttl.
        assertThat(read(connection, key))
            .as("round %d, key %s", round, key)
            .isEqualTo(expectedRead(key));
      }
    }
  }

  @Test
  void readersMissingOneKeyTogether_shareOneRead() throws IOException {
    try (FaultProxy proxy = FaultProxy.start(redis.server().host(), redis.server().port())) {
      Connection connection = nearConnection(proxy.uri());
      Redis.cacheValue(connection, "k", "v").orThrow();
      assertThat(near(connection).holds("k")).isTrue();
      long before = gets();
      redis.server().command("SET", "k", "\"v\""); // not by this manager: not stored
      Waits.until("the write's invalidation arrives", DEADLINE, () -> !near(connection).holds("k"));
      proxy.latency(Duration.ofMillis(100)); // every reply is late: the readers overlap

      List<CompletableFuture<GetCachedValue.Result<Object>>> reads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        reads.add(
            GetCachedValue.INSTANCE
                .runAsync(new GetCachedValue.Inputs(connection, "k", null))
                .toCompletableFuture());
      }
      for (CompletableFuture<GetCachedValue.Result<Object>> r : reads) {
        assertThat(r.join()).isEqualTo(new GetCachedValue.Success<>("v"));
      }
      proxy.passThrough();
      assertThat(gets() - before).isEqualTo(1);
    }
  }
}
