package dev.mpredis.redis.reliability;

import static dev.mpredis.redis.reliability.ServerWatch.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.FlushCache;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.redis.internal.Checks;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RELIABILITY.md §4, keys: B1–B7 and B30, through every machine that takes a key. */
@Tag("server")
class BadKeysTest extends OnePackServer {

  @BeforeEach
  void seed() {
    watch.command("FLUSHALL");
    watch.command("SET", "kept", "\"kept\"");
    watch.command("SET", "", "\"the empty key, written by someone else\"");
  }

  /** Every machine that takes a key, with {@code key} as its (only) key. */
  static Map<String, Function<String, Exit<?>>> keyMachines() {
    Map<String, Function<String, Exit<?>>> machines = new LinkedHashMap<>();
    machines.put("cache-value", key -> Redis.cacheValue(connection, key, 1));
    machines.put("get-cached-value", key -> Redis.getCachedValue(connection, key));
    machines.put(
        "destroy-cached-values", key -> Redis.destroyCachedValues(connection, listOf(key)));
    machines.put(
        "cache-values",
        key -> {
          Map<String, Object> values = new LinkedHashMap<>();
          values.put("fine", 1);
          values.put(key, 2);
          return Redis.cacheValues(connection, values);
        });
    machines.put(
        "get-cached-values", key -> Redis.getCachedValues(connection, listOf("fine", key)));
    return machines;
  }

  private static List<String> listOf(String... keys) {
    return Arrays.asList(keys); // allows null
  }

  /** Asserts every key machine refuses {@code key} without touching the server. */
  private static void assertEveryMachineRefuses(String key, String problem) {
    keyMachines()
        .forEach(
            (identity, machine) -> {
              Exit<?> exit = watch.unchanged(() -> machine.apply(key));
              switch (identity) {
                case "cache-value", "get-cached-value" ->
                    assertRefused(exit, "error", RedisErrorCode.INVALID_INPUT, "'key'", problem);
                case "destroy-cached-values" ->
                    assertRefused(
                        exit, "invalidKeys", RedisErrorCode.INVALID_INPUT, "keys[0]", problem);
                case "cache-values" ->
                    assertRefused(
                        exit, "invalidKeys", RedisErrorCode.INVALID_INPUT, "values", problem);
                case "get-cached-values" ->
                    assertRefused(
                        exit, "invalidKeys", RedisErrorCode.INVALID_INPUT, "keys[1]", problem);
                default -> throw new AssertionError(identity);
              }
            });
  }

  @Test
  void b1_nullKey_isRefusedByEveryMachine_withoutAnyCommand() {
    assertRefused(
        watch.unchanged(() -> Redis.getCachedValue(connection, null)),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'key'",
        "is required");
    assertRefused(
        watch.unchanged(() -> Redis.destroyCachedValues(connection, listOf("kept", null))),
        "invalidKeys",
        RedisErrorCode.INVALID_INPUT,
        "keys[1]",
        "is null");
    Map<String, Object> nullKey = new LinkedHashMap<>();
    nullKey.put("fine", 1);
    nullKey.put(null, 2);
    assertRefused(
        watch.unchanged(() -> Redis.cacheValues(connection, nullKey)),
        "invalidKeys",
        RedisErrorCode.INVALID_INPUT,
        "values",
        "is null");
    assertRefused(
        watch.unchanged(() -> Redis.cacheValue(connection, null, 1)),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'key'",
        "is required");
    assertRefused(
        watch.unchanged(() -> Redis.destroyCachedValues(connection, null)),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'keys'",
        "is required");
    assertRefused(
        watch.unchanged(() -> Redis.getCachedValues(connection, null)),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'keys'",
        "is required");
    assertRefused(
        watch.unchanged(() -> Redis.getCachedValues(connection, listOf("a", null))),
        "invalidKeys",
        RedisErrorCode.INVALID_INPUT,
        "keys[1]",
        "is null");
  }

  @Test
  void b2_emptyKey_isRefusedByEveryMachine_andTheEmptyKeyOfOthersIsUntouched() {
    assertEveryMachineRefuses("", "must not be empty");
    assertThat(watch.command("EXISTS", "")).isEqualTo(1L);
  }

  @Test
  void b3_keysWithControlCharacters_roundTripLiterally_andTouchNoOtherKey() {
    List<String> keys = List.of("cr\rkey", "lf\nkey", "crlf\r\nSET x y", "nul\0key", "a b", "t\tb");
    for (String key : keys) {
      Redis.cacheValue(connection, key, key).orThrow();
      assertThat(watch.command("EXISTS", key)).as(key).isEqualTo(1L);
      assertThat(Redis.getCachedValue(connection, key).orThrow()).isEqualTo(key);
    }
    assertThat(watch.command("DBSIZE")).isEqualTo(2L + keys.size());
    assertThat(watch.command("EXISTS", "x", "crlf", "lf", "nul")).isEqualTo(0L);
    Redis.destroyCachedValues(connection, keys).orThrow();
    assertThat(watch.command("DBSIZE")).isEqualTo(2L);
  }

  @Test
  void b3_keysWithControlCharacters_areEscapedInMessages() {
    String key = "line\r\nFORGED log line\0";
    watch.command("SET", key, "not json");
    MachineError error =
        assertRefused(
            Redis.getCachedValue(connection, key),
            "error",
            RedisErrorCode.VALUE_NOT_JSON,
            "line\\r\\nFORGED log line\\u0000");
    assertThat(error.message()).doesNotContain("\r", "\n", "\0");
  }

  @Test
  void b4_keysWithGlobCharacters_areLiteral() {
    watch.command("SET", "ab", "1");
    watch.command("SET", "a\\b", "2");
    for (String key : List.of("*", "a*", "a?", "[ab]", "a\\b")) {
      Redis.cacheValue(connection, key, key).orThrow();
      assertThat(Redis.getCachedValue(connection, key).orThrow()).isEqualTo(key);
      Redis.destroyCachedValues(connection, List.of(key)).orThrow();
      assertThat(watch.command("EXISTS", key)).as(key).isEqualTo(0L);
    }
    assertThat(watch.command("EXISTS", "ab", "kept", "")).isEqualTo(3L);
  }

  @Test
  void b4_namespaceWithGlobCharacters_flushesOnlyItself() {
    for (String namespace : List.of("a*", "a?:", "[ab]:", "a\\")) {
      watch.command("FLUSHALL");
      for (String other : List.of("ab:1", "a:1", "b:1", "ax:1", "a_\\:1", "kept")) {
        watch.command("SET", other, "1");
      }
      String url =
          redis.server().uri()
              + "?namespace="
              + URLEncoder.encode(namespace, StandardCharsets.UTF_8);
      try (Manager scoped = Redis.createManager(url).orThrow();
          Connection c = Redis.getConnection(scoped).orThrow()) {
        Redis.cacheValue(c, "mine", 1).orThrow();
        String prefix = namespace.endsWith(":") ? namespace : namespace + ":"; // the separator
        assertThat(watch.command("EXISTS", prefix + "mine")).as(namespace).isEqualTo(1L);
        assertThat(Redis.flushCache(c)).isInstanceOf(FlushCache.Success.class);
      }
      assertThat(watch.command("DBSIZE")).as(namespace).isEqualTo(6L);
    }
  }

  @Test
  void b6_keysThatAreNotUtf8_underTheNamespace_areFlushedToo() {
    watch.command("FLUSHALL");
    // Written by another client: Lua's decimal escapes give bytes that are not UTF-8.
    watch.command("EVAL", "return redis.call('SET', 'app1:bad\\255\\254key', '1')", "0");
    watch.command("EVAL", "return redis.call('SET', 'other\\255', '1')", "0");
    try (Manager scoped = Redis.createManager(redis.server().uri() + "?namespace=app1").orThrow();
        Connection c = Redis.getConnection(scoped).orThrow()) {
      assertThat(Redis.listKeys(c, "*").orThrow().keys()).containsExactly("bad\uFFFD\uFFFDkey");

      assertThat(Redis.flushCache(c)).isInstanceOf(FlushCache.Success.class);
    }
    assertThat(watch.command("DBSIZE")).isEqualTo(1L); // only the key outside the namespace
  }

  @Test
  void b5_keyAtTheLengthCap_works_oneLongerOrOneMegabyte_isRefusedNamingTheCap() {
    String longest = "k".repeat(Checks.MAX_KEY_LENGTH);
    Redis.cacheValue(connection, longest, 1).orThrow();
    assertThat(watch.command("EXISTS", longest)).isEqualTo(1L);
    assertThat(Redis.getCachedValue(connection, longest).orThrow()).isEqualTo(1);
    Redis.destroyCachedValues(connection, List.of(longest)).orThrow();
    assertEveryMachineRefuses(longest + "k", "at most " + Checks.MAX_KEY_LENGTH);
    assertEveryMachineRefuses("k".repeat(1024 * 1024), "is 1048576 characters long");
  }

  @Test
  void b6_loneSurrogateKey_isRefusedByEveryMachine() {
    assertEveryMachineRefuses("bad\uD800key", "unpaired surrogate");
    assertEveryMachineRefuses("bad\uDC00", "unpaired surrogate");
  }

  @Test
  void b6_keyPairedSurrogates_areOneCharacter_andRoundTrip() {
    String key = "emoji 😀 key";
    Redis.cacheValue(connection, key, key).orThrow();
    assertThat(watch.command("EXISTS", key)).isEqualTo(1L);
    assertThat(watch.command("STRLEN", key))
        .isEqualTo(16L); // the JSON: 14 UTF-8 bytes and 2 quotes
  }

  @Test
  void b7_nfcAndNfd_areTwoDistinctKeys() {
    String nfc = Normalizer.normalize("café", Normalizer.Form.NFC);
    String nfd = Normalizer.normalize("café", Normalizer.Form.NFD);
    assertThat(nfc).isNotEqualTo(nfd);
    Redis.cacheValue(connection, nfc, "composed").orThrow();
    Redis.cacheValue(connection, nfd, "decomposed").orThrow();
    assertThat(watch.command("DBSIZE")).isEqualTo(4L);
    assertThat(Redis.getCachedValue(connection, nfc).orThrow()).isEqualTo("composed");
    assertThat(Redis.getCachedValue(connection, nfd).orThrow()).isEqualTo("decomposed");
    Redis.destroyCachedValues(connection, List.of(nfd)).orThrow();
    assertThat(watch.command("EXISTS", nfc)).isEqualTo(1L);
  }

  @Test
  void b30_ansiEscapesAndNewlinesInKeys_areEscapedInEveryMessage() {
    String key = "\u001b[31mred\u001b[0m\nnext";
    watch.command("SET", key, "{} trailing");
    Map<String, Object> cycle = new LinkedHashMap<>();
    cycle.put("self", cycle);
    List<Exit<?>> exits =
        List.of(
            Redis.getCachedValue(connection, key),
            Redis.getCachedValues(connection, List.of(key)),
            Redis.cacheValue(connection, key, cycle),
            Redis.cacheValues(connection, Map.of(key, cycle)));
    for (Exit<?> exit : exits) {
      String message = ((Exit.Failed) exit).error().message();
      assertThat(message).as(message).doesNotContain("\u001b", "\n").contains("\\u001b[31mred");
    }
  }

  @Test
  void b24_argumentWithCrlf_isOneArgument_neverASecondCommand() {
    String injected = "a\r\nFLUSHALL";
    assertThat(Redis.sendCommand(connection, "SET", injected, "1"))
        .isEqualTo(new dev.mpredis.redis.SendCommand.Success("OK"));
    assertThat(watch.command("GET", injected)).isEqualTo("1");
    assertThat(watch.command("GET", "kept")).as("no FLUSHALL ran").isEqualTo("\"kept\"");
  }
}
