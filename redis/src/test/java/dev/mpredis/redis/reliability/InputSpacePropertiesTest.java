package dev.mpredis.redis.reliability;

import static dev.mpredis.redis.reliability.ServerWatch.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.testkit.RedisServer;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * RELIABILITY.md §4, the classes that are spaces: keys (B3), values (B8, B13) and ttls (B18), each
 * with 1000 generated cases from a fixed seed. jqwik runs these (not Jupiter), so the server is
 * started here rather than by {@code RedisExtension}.
 */
@Tag("server")
class InputSpacePropertiesTest {

  private static final List<String> SENTINELS = List.of("sentinel", "sentinel:2");

  static RedisServer server;
  static Manager manager;
  static Connection connection;
  static ServerWatch watch;

  @BeforeContainer
  static void start() {
    server = RedisServer.startPlain();
    manager = Redis.createManager(server.uri()).orThrow();
    connection = Redis.getConnection(manager).orThrow();
    watch = ServerWatch.connect(server.host(), server.port());
  }

  @AfterContainer
  static void stop() throws IOException {
    if (manager != null) {
      manager.close();
    }
    if (watch != null) {
      watch.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeTry
  void reseed() {
    watch.command("FLUSHALL");
    for (String sentinel : SENTINELS) {
      watch.command("SET", sentinel, "\"untouched\"");
    }
  }

  private static void assertSentinelsOnly(long extra) {
    assertThat(watch.command("DBSIZE")).isEqualTo(SENTINELS.size() + extra);
    for (String sentinel : SENTINELS) {
      assertThat(watch.command("GET", sentinel)).isEqualTo("\"untouched\"");
    }
  }

  @Property(tries = 1000, seed = "20261128", shrinking = ShrinkingMode.BOUNDED)
  void b3_anyValidKey_roundTripsLiterally_andTouchesNoOtherKey(@ForAll("keys") String key) {
    Redis.cacheValue(connection, key, key).orThrow();
    assertThat(watch.command("EXISTS", key)).isEqualTo(1L);
    assertSentinelsOnly(SENTINELS.contains(key) ? 0 : 1);
    assertThat(Redis.getCachedValue(connection, key).orThrow()).isEqualTo(key);
    if (!SENTINELS.contains(key)) {
      Redis.destroyCachedValues(connection, List.of(key)).orThrow();
      assertThat(watch.command("EXISTS", key)).isEqualTo(0L);
    }
    assertSentinelsOnly(0);
  }

  @Provide
  Arbitrary<String> keys() {
    Arbitrary<Integer> codePoints =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 0x1f)), // CR, LF, NUL...
            net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0x20, 0x7e)),
            net.jqwik.api.Tuple.of(2, Arbitraries.of((int) '*', (int) '?', (int) '[', (int) '\\')),
            net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x80, 0xd7ff)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
    return codePoints
        .list()
        .ofMinSize(1)
        .ofMaxSize(24)
        .map(
            list -> {
              StringBuilder key = new StringBuilder();
              list.forEach(key::appendCodePoint);
              return key.toString();
            });
  }

  @Property(tries = 1000, seed = "20261128", shrinking = ShrinkingMode.BOUNDED)
  void b8_anyJsonValue_roundTripsExactly(@ForAll("values") Object value) {
    Redis.cacheValue(connection, "value", value).orThrow();
    assertThat(Redis.getCachedValue(connection, "value").orThrow()).isEqualTo(value);
    Map<String, Object> many = new LinkedHashMap<>();
    many.put("a", value);
    many.put("b", java.util.Collections.singletonList(value));
    Redis.cacheValues(connection, many).orThrow();
    assertThat(Redis.getCachedValues(connection, List.of("a", "b")).orThrow().values())
        .isEqualTo(many);
    assertSentinelsOnly(3);
    watch.command("DEL", "value", "a", "b");
  }

  /**
   * JSON values in the Java types they read back as: Integer, Long only beyond int, BigInteger only
   * beyond long, finite Double, String, Boolean, null, List, Map.
   */
  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.recursive(
        InputSpacePropertiesTest::leaves,
        inner ->
            Arbitraries.oneOf(
                inner,
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(keys(), inner)
                    .ofMaxSize(4)
                    .map(m -> (Object) new LinkedHashMap<>(m))),
        0,
        3);
  }

  private static Arbitrary<Object> leaves() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(true, false),
        Arbitraries.integers(),
        Arbitraries.longs().filter(l -> l < Integer.MIN_VALUE || l > Integer.MAX_VALUE),
        Arbitraries.bigIntegers().between(BigInteger.TWO.pow(63), BigInteger.TWO.pow(300)),
        Arbitraries.bigIntegers()
            .between(
                BigInteger.TWO.pow(300).negate(),
                BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE)),
        Arbitraries.doubles().withSpecialValue(-0.0).filter(Double::isFinite),
        Arbitraries.strings().all().ofMaxLength(30),
        Arbitraries.strings().ofMaxLength(30));
  }

  @Property(tries = 1000, seed = "20261128", shrinking = ShrinkingMode.BOUNDED)
  void b18_ttlOutsideTheBound_isRefused_insideIsStored(@ForAll("ttls") long ttl) {
    if (ttl >= 0 && ttl <= Checks.MAX_TTL_SECONDS) {
      Redis.cacheValue(connection, "t", 1, Duration.ofSeconds(ttl)).orThrow();
      long stored = (Long) watch.command("TTL", "t");
      if (ttl == 0) {
        assertThat(stored).isEqualTo(-1L);
      } else {
        assertThat(stored).isBetween(ttl - 5, ttl);
      }
      watch.command("DEL", "t");
      return;
    }
    assertRefused(
        Redis.cacheValue(connection, "t", 1, Duration.ofSeconds(ttl)),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'ttl'",
        String.valueOf(ttl));
    assertRefused(
        Redis.cacheValues(connection, Map.of("t", 1), Duration.ofSeconds(ttl)),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'ttl'",
        String.valueOf(ttl));
    assertSentinelsOnly(0);
  }

  @Provide
  Arbitrary<Long> ttls() {
    List<Arbitrary<Long>> parts = new ArrayList<>();
    parts.add(Arbitraries.longs());
    parts.add(Arbitraries.longs().between(-3, 3));
    parts.add(Arbitraries.longs().between(Checks.MAX_TTL_SECONDS - 3, Checks.MAX_TTL_SECONDS + 3));
    parts.add(Arbitraries.longs().between(0, Checks.MAX_TTL_SECONDS));
    return Arbitraries.oneOf(parts);
  }
}
