package dev.mpredis.redis.reliability;

import static dev.mpredis.redis.reliability.ServerWatch.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpredis.machine.Exit;
import dev.mpredis.redis.CacheValue;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.redis.internal.ClassifiedFailure;
import dev.mpredis.redis.internal.Json;
import dev.mpredis.redis.internal.JsonValues;
import dev.mpredis.testkit.Waits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RELIABILITY.md §4, values: B6 (values), B8–B17. */
@Tag("server")
class BadValuesTest extends OnePackServer {

  @BeforeEach
  void seed() {
    watch.command("FLUSHALL");
    watch.command("SET", "kept", "\"kept\"");
  }

  private static Object roundTrip(Object value) {
    Redis.cacheValue(connection, "v", value).orThrow();
    return Redis.getCachedValue(connection, "v").orThrow();
  }

  /** Stores {@code text} as someone else would, and asserts every read refuses it. */
  private static void assertUnreadable(String text, String... details) {
    watch.command("SET", "raw", text);
    assertUnreadableAsStored(details);
  }

  private static void assertUnreadableAsStored(String... details) {
    for (Exit<?> exit :
        List.of(
            Redis.getCachedValue(connection, "raw"),
            Redis.getCachedValue(connection, "raw", Object.class),
            Redis.getCachedValue(connection, "raw", List.class),
            Redis.getCachedValues(connection, List.of("kept", "raw")))) {
      assertRefused(exit, "error", RedisErrorCode.VALUE_NOT_JSON, "'raw'", details);
    }
  }

  @Test
  void b6_valueWithLoneSurrogate_roundTripsExactly() {
    assertThat(roundTrip("a\uD800b\uDC00")).isEqualTo("a\uD800b\uDC00");
  }

  @Test
  void b8_falsyValues_roundTripExactly_andNullIsAValue() {
    Map<Object, String> stored = new LinkedHashMap<>();
    stored.put(null, "null");
    stored.put(false, "false");
    stored.put(0, "0");
    stored.put("", "\"\"");
    stored.put(List.of(), "[]");
    stored.put(Map.of(), "{}");
    Map<String, Object> many = new LinkedHashMap<>();
    stored.forEach(
        (value, json) -> {
          assertThat(roundTrip(value)).isEqualTo(value);
          assertThat(watch.command("GET", "v")).isEqualTo(json);
          assertThat(Redis.getCachedValue(connection, "v"))
              .isInstanceOf(GetCachedValue.Success.class);
          many.put("k" + many.size(), value);
        });
    Redis.cacheValues(connection, many).orThrow();
    var found = Redis.getCachedValues(connection, List.copyOf(many.keySet())).orThrow();
    assertThat(found.values()).isEqualTo(many);
    assertThat(found.notFound()).isEmpty();
  }

  @Test
  void b9_storedTextThatIsNotJson_isValueNotJson_neverSuccessOrNotFound() {
    assertUnreadable("plain text");
    assertUnreadable("");
    assertUnreadable("'single quoted'");
    // gzip and Java serialization headers: bytes that are not UTF-8, written with a script
    watch.command(
        "EVAL", "return redis.call('SET', KEYS[1], string.char(31, 139, 8, 0))", "1", "raw");
    assertUnreadableAsStored();
    watch.command(
        "EVAL", "return redis.call('SET', KEYS[1], string.char(172, 237, 0, 5))", "1", "raw");
    assertUnreadableAsStored();
  }

  @Test
  void b10_trailingGarbage_isRefused() {
    assertUnreadable("{} x");
    assertUnreadable("[1]]");
    assertUnreadable("1 2");
    assertUnreadable("\"a\"\"b\"");
  }

  @Test
  void b11_storedNesting10000Deep_isRefusedWithoutStackOverflow() {
    assertUnreadable("[".repeat(10_000) + "]".repeat(10_000), "1000");
    assertUnreadable("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), "1000");
  }

  @Test
  void b11_nestingAtTheLimit_roundTrips_oneDeeper_isRefusedBeforeSending() {
    assertThat(roundTrip(nested(Json.MAX_DEPTH))).isEqualTo(nested(Json.MAX_DEPTH));
    Object tooDeep = nested(Json.MAX_DEPTH + 1);
    assertRefused(
        watch.unchanged(() -> Redis.cacheValue(connection, "deep", tooDeep)),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'value'",
        "deeper than 1000");
    assertRefused(
        watch.unchanged(() -> Redis.cacheValues(connection, Map.of("fine", 1, "deep", tooDeep))),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'values'",
        "'deep'",
        "deeper than 1000");
  }

  private static Object nested(int depth) {
    Object value = "bottom";
    for (int i = 0; i < depth; i++) {
      value = i % 2 == 0 ? List.of(value) : Map.of("k", value);
    }
    return value;
  }

  @Test
  void b12_thirtyMegabyteString_roundTrips_pastJacksonsDefault20MCharacters() {
    String big = "x".repeat(30_000_000);
    assertThat(Redis.cacheValue(connection, "big", big)).isInstanceOf(CacheValue.Success.class);
    assertThat(watch.command("STRLEN", "big")).isEqualTo(30_000_002L);
    assertThat(Redis.getCachedValue(connection, "big").orThrow()).isEqualTo(big);
  }

  @Test
  void b12_storedHugeNumberOrPropertyName_isRefusedByTheReadLimits() {
    assertUnreadable("9".repeat(10_000), "1000");
    assertUnreadable("{\"" + "n".repeat(100_000) + "\":1}", "50000");
  }

  @Test
  void b12_numbersAndNamesAtTheLimit_roundTrip_oneLonger_isRefusedBeforeSending() {
    BigInteger longest = new BigInteger("9".repeat(Json.MAX_NUMBER_LENGTH));
    assertThat(roundTrip(longest)).isEqualTo(longest);
    assertThat(roundTrip(longest.negate())).isEqualTo(longest.negate());
    String longestName = "n".repeat(Json.MAX_NAME_LENGTH);
    assertThat(roundTrip(Map.of(longestName, 1))).isEqualTo(Map.of(longestName, 1));
    for (Object tooLong :
        List.of(
            longest.multiply(BigInteger.TEN),
            BigInteger.TEN.pow(100_000),
            new BigDecimal("0." + "1".repeat(Json.MAX_NUMBER_LENGTH)))) {
      assertRefused(
          watch.unchanged(() -> Redis.cacheValue(connection, "n", tooLong)),
          "error",
          RedisErrorCode.INVALID_INPUT,
          "'value'",
          "at most 1000");
    }
    assertRefused(
        watch.unchanged(() -> Redis.cacheValue(connection, "n", Map.of(longestName + "n", 1))),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'value'",
        "50001 characters",
        "at most 50000");
  }

  @Test
  void b13_numbersAtTheEdges_haveTheDocumentedValues() {
    assertThat(roundTrip((1L << 53) + 1)).isEqualTo((1L << 53) + 1);
    assertThat(roundTrip(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    BigInteger beyondLong = BigInteger.TWO.pow(64);
    assertThat(roundTrip(beyondLong)).isEqualTo(beyondLong);
    assertThat(roundTrip(-0.0)).isEqualTo(-0.0);
    assertThat(roundTrip(Double.MIN_VALUE)).isEqualTo(Double.MIN_VALUE);
    // exact as BigDecimal when read as that type; plain reads give a Double
    BigDecimal precise = new BigDecimal("0.1000000000000000000001");
    Redis.cacheValue(connection, "d", precise).orThrow();
    assertThat(Redis.getCachedValue(connection, "d", BigDecimal.class).orThrow())
        .isEqualTo(precise);
    assertThat(Redis.getCachedValue(connection, "d").orThrow()).isEqualTo(0.1);
    watch.command("SET", "js", "-0");
    assertThat(Redis.getCachedValue(connection, "js").orThrow()).isEqualTo(0);
    watch.command("SET", "js", "1e400");
    assertThat(Redis.getCachedValue(connection, "js").orThrow())
        .isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Redis.getCachedValue(connection, "js", BigDecimal.class).orThrow())
        .isEqualTo(new BigDecimal("1e400"));
  }

  @Test
  void b13_nanAndInfinity_areRefusedOnWrite_andNothingIsWritten() {
    for (Object value :
        List.of(Double.NaN, Double.NEGATIVE_INFINITY, Float.NaN, List.of(1.0 / 0))) {
      assertRefused(
          watch.unchanged(() -> Redis.cacheValue(connection, "nan", value)),
          "error",
          RedisErrorCode.VALUE_NOT_SERIALIZABLE,
          "'nan'");
    }
  }

  @Test
  void b14_duplicateObjectKeys_areRefused() {
    assertUnreadable("{\"a\":1,\"a\":2}");
    assertUnreadable("[{\"b\":{\"a\":1,\"a\":1}}]");
  }

  @Test
  void b15_jsonOverTheSizeCap_isRefusedBeforeSending_andTheCapIsInclusive() {
    String value = "x".repeat(98); // 100 bytes of JSON
    assertThat(JsonValues.encode("value", "k", value, 100)).hasSize(100);
    assertThatThrownBy(() -> JsonValues.encode("value", "k", value, 99))
        .isInstanceOfSatisfying(
            ClassifiedFailure.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
              assertThat(e.error().message()).contains("input 'value'", "at most 99");
            });
    assertThatThrownBy(() -> JsonValues.encode("values", "k", value, 99))
        .isInstanceOfSatisfying(
            ClassifiedFailure.class,
            e -> assertThat(e.error().message()).contains("input 'values'", "'k'", "at most 99"));
    assertThat(Json.MAX_BYTES).isEqualTo(512 * 1024 * 1024);
  }

  @Test
  void b15_valueOverTheServersBulkLimit_isAClassifiedError_andTheConnectionRecovers() {
    watch.command("CONFIG", "SET", "proto-max-bulk-len", "1mb");
    CacheValue.Result result;
    try {
      result = Redis.cacheValue(connection, "big", "x".repeat(2 * 1024 * 1024));
    } finally {
      watch.command("CONFIG", "SET", "proto-max-bulk-len", "512mb");
    }
    assertThat(result).isInstanceOf(CacheValue.Error.class);
    assertThat(((CacheValue.Error) result).error().code()).isNotEqualTo(RedisErrorCode.UNEXPECTED);
    assertThat(watch.command("EXISTS", "big")).isEqualTo(0L);
    // the server closed the connection; the manager reconnects on its own
    Waits.until(
        "the connection recovers",
        Duration.ofSeconds(10),
        () -> Redis.cacheValue(connection, "after", 1).isSuccess());
    assertThat(watch.command("EXISTS", "after")).isEqualTo(1L);
  }

  @Test
  void b16_unserializableValues_areRefused_andNothingIsWritten() {
    Map<String, Object> cycle = new LinkedHashMap<>();
    cycle.put("self", List.of(cycle));
    List<Object> values = Arrays.asList(cycle, (Runnable) () -> {}, Stream.of(1, 2), new Object());
    for (Object value : values) {
      assertRefused(
          watch.unchanged(() -> Redis.cacheValue(connection, "bad", value)),
          "error",
          RedisErrorCode.VALUE_NOT_SERIALIZABLE,
          "'bad'");
      Map<String, Object> many = new LinkedHashMap<>();
      many.put("fine", 1);
      many.put("bad", value);
      assertRefused(
          watch.unchanged(() -> Redis.cacheValues(connection, many)),
          "error",
          RedisErrorCode.VALUE_NOT_SERIALIZABLE,
          "'bad'");
    }
    assertThat(
            Redis.cacheValue(connection, "bad", cycle) instanceof CacheValue.Error e
                ? e.error().message()
                : "")
        .contains("cycle");
  }

  /** A record with a field of any type: what a type hint would like to choose. */
  record Holder(Object payload) {}

  @Test
  void b17_typeHints_stayPlainData() {
    String hinted = "{\"@class\":\"java.io.File\",\"path\":\"/\"}";
    watch.command("SET", "h", "{\"payload\":" + hinted + "}");
    Holder holder = (Holder) Redis.getCachedValue(connection, "h", Holder.class).orThrow();
    assertThat(holder.payload()).isEqualTo(Map.of("@class", "java.io.File", "path", "/"));
    watch.command("SET", "h", "[\"java.net.URL\",\"http://example.com\"]");
    assertThat(Redis.getCachedValue(connection, "h").orThrow())
        .isEqualTo(List.of("java.net.URL", "http://example.com"));
  }
}
