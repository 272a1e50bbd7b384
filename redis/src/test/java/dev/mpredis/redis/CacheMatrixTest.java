package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.Face.Ran;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The behaviour exits of the cache machines (cache-value, get-cached-value, destroy-cached-values,
 * flush-cache, cache-values, get-cached-values, get-or-cache-value), written once and run on every
 * deployment (one server on TCP, one on a unix socket, a Sentinel group, a Cluster of three
 * masters) through every {@link Face}. Exits that need a particular server setup (ACL refusals, out
 * of memory, a paused server) stay in {@link CacheMachinesTest} and {@link BulkMachinesTest}.
 */
class CacheMatrixTest extends EveryDeployment {

  /** Keys in three hash slots served by three different masters of the cluster. */
  private static final List<String> SPREAD = List.of("a", "b", "c");

  /** A value and the JSON text the original stores for it. */
  private record Json(Object value, String text) {}

  private static final List<Json> ORIGINAL_VALUES =
      List.of(
          new Json("hello world", "\"hello world\""),
          new Json(
              map("a", 1, "nested", Map.of("list", List.of(1, "two", false))),
              "{\"a\":1,\"nested\":{\"list\":[1,\"two\",false]}}"),
          new Json(List.of(1, 2, 3), "[1,2,3]"),
          new Json(29, "29"),
          new Json(null, "null"),
          new Json(false, "false"),
          new Json(0, "0"),
          new Json("", "\"\""),
          new Json("12345", "\"12345\""),
          new Json(1.5, "1.5"),
          new Json(List.of(), "[]"),
          new Json(Map.of(), "{}"),
          new Json("ünïcödé ✓ 😀", "\"ünïcödé ✓ 😀\""),
          new Json("line\nbreak\ttab \"quoted\"", "\"line\\nbreak\\ttab \\\"quoted\\\"\""));

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Checks the exit's name; a failure shows the whole outcome, its error's code and message. */
  private static Ran assertExit(Ran ran, String exit) {
    assertThat(ran.exit()).as("%s", ran).isEqualTo(exit);
    return ran;
  }

  private static void assertError(Ran ran, String exit, RedisErrorCode code, String inMessage) {
    assertExit(ran, exit);
    MachineError error = ran.error();
    assertThat(error.code()).as(error.toString()).isEqualTo(code);
    assertThat(error.message()).contains(inMessage);
  }

  @AcrossDeployments
  void cacheValue_storesTheOriginalsJson_andGetCachedValueReadsBackEqual(Deployment on, Face face) {
    for (int i = 0; i < ORIGINAL_VALUES.size(); i++) {
      Json json = ORIGINAL_VALUES.get(i);
      String key = "v" + i;
      assertExit(face.cacheValue(on.connection(), key, json.value(), null), "success");
      assertThat(on.command(key, "GET", key)).isEqualTo(json.text());
      assertThat(face.getCachedValue(on.connection(), key))
          .isEqualTo(new Ran("success", json.value()));
    }
  }

  @AcrossDeployments
  void getCachedValue_readsWhatTheJavaScriptOriginalWrote(Deployment on, Face face) {
    on.command("from-js", "SET", "from-js", "{\"name\":\"Ada\",\"tags\":[\"x\"],\"n\":null}");
    assertThat(face.getCachedValue(on.connection(), "from-js").output())
        .isEqualTo(map("name", "Ada", "tags", List.of("x"), "n", null));
  }

  @AcrossDeployments
  void keys_withSpacesNewlinesAndUnicode_roundTripExactly(Deployment on, Face face) {
    for (String key : List.of("a key", "line\nbreak", "tab\tkey", "ключ", "😀", "nul\0byte")) {
      assertExit(face.cacheValue(on.connection(), key, key, null), "success");
      assertThat(face.getCachedValue(on.connection(), key)).isEqualTo(new Ran("success", key));
      assertThat(on.command(key, "EXISTS", key)).as(key).isEqualTo(1L);
    }
    assertThat(on.keyCount()).isEqualTo(6L);
  }

  @AcrossDeployments
  void cacheValue_ttl_setsExpiryInTheSameCommand_zeroOrNoneMeansNever(Deployment on, Face face) {
    assertExit(face.cacheValue(on.connection(), "ttl", "v", 3600L), "success");
    assertThat((Long) on.command("ttl", "TTL", "ttl")).isBetween(3590L, 3600L);
    assertExit(face.cacheValue(on.connection(), "zero", "v", 0L), "success");
    assertThat(on.command("zero", "TTL", "zero")).isEqualTo(-1L);
    assertExit(face.cacheValue(on.connection(), "none", "v", null), "success");
    assertThat(on.command("none", "TTL", "none")).isEqualTo(-1L);
  }

  @AcrossDeployments
  void getCachedValue_notFound_whenMissing_afterDestroy_andAfterExpiry(Deployment on, Face face) {
    Connection c = on.connection();
    assertThat(face.getCachedValue(c, "missing")).isEqualTo(new Ran("notFound", null));

    assertExit(face.cacheValue(c, "stuff", "things", null), "success");
    assertExit(face.destroyCachedValues(c, List.of("stuff")), "success");
    assertExit(face.getCachedValue(c, "stuff"), "notFound");

    on.command("short", "SET", "short", "\"v\"", "PX", "50");
    Waits.until(
        "the key expires",
        Duration.ofSeconds(5),
        () -> face.getCachedValue(c, "short").exit().equals("notFound"));
  }

  @AcrossDeployments
  void getCachedValue_error_whenStoredTextIsNotJson_orNotAString(Deployment on, Face face) {
    on.command("raw", "SET", "raw", "{} x");
    assertError(
        face.getCachedValue(on.connection(), "raw"),
        "error",
        RedisErrorCode.VALUE_NOT_JSON,
        "'raw'");
    on.command("list", "LPUSH", "list", "x");
    assertError(
        face.getCachedValue(on.connection(), "list"), "error", RedisErrorCode.WRONG_TYPE, "");
  }

  @AcrossDeployments
  void cacheValue_error_whenValueIsNotSerializable_andNothingIsWritten(Deployment on, Face face) {
    Map<String, Object> cycle = new HashMap<>();
    cycle.put("self", cycle);
    for (Object value : List.of(new Object(), Double.NaN, cycle)) {
      assertError(
          face.cacheValue(on.connection(), "bad", value, null),
          "error",
          RedisErrorCode.VALUE_NOT_SERIALIZABLE,
          "'bad'");
    }
    assertThat(on.keyCount()).isZero();
  }

  @AcrossDeployments
  void everyCacheMachine_error_onInputsThatBreakTheContract_andWritesNothing(
      Deployment on, Face face) {
    Connection c = on.connection();
    RedisErrorCode invalid = RedisErrorCode.INVALID_INPUT;
    assertError(face.cacheValue(c, "", 1, null), "error", invalid, "'key'");
    assertError(face.cacheValue(c, null, 1, null), "error", invalid, "'key'");
    assertError(face.cacheValue(c, "k", 1, -1L), "error", invalid, "'ttl'");
    assertError(face.cacheValue(c, "bad\uD800key", 1, null), "error", invalid, "surrogate");
    assertError(face.getCachedValue(c, ""), "error", invalid, "'key'");
    assertError(face.destroyCachedValues(c, null), "error", invalid, "'keys'");
    assertError(face.cacheValues(c, null, null), "error", invalid, "'values'");
    assertError(face.cacheValues(c, Map.of("k", 1), -1L), "error", invalid, "'ttl'");
    assertError(face.getCachedValues(c, null), "error", invalid, "'keys'");
    assertThat(on.keyCount()).isZero();
  }

  @AcrossDeployments
  void destroyCachedValues_deletesInEveryHashSlot_missingAndDuplicateKeysAreFine(
      Deployment on, Face face) {
    if (on.kind() == RedisKind.CLUSTER) {
      assertThat(SPREAD.stream().map(on::slot).distinct()).hasSize(3);
    }
    assertExit(face.cacheValues(on.connection(), Map.of("a", 1, "b", 2, "c", 3), null), "success");
    assertThat(on.keyCount()).isEqualTo(3L);
    assertThat(face.destroyCachedValues(on.connection(), List.of("a", "a", "missing", "b", "c")))
        .isEqualTo(new Ran("success", null));
    assertThat(on.keyCount()).isZero();
    assertExit(face.destroyCachedValues(on.connection(), List.of()), "success");
  }

  @AcrossDeployments
  void destroyCachedValues_manyKeys_inBatches(Deployment on, Face face) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < 2500; i++) {
      values.put("k" + i, i);
    }
    assertExit(face.cacheValues(on.connection(), values, null), "success");
    assertThat(on.keyCount()).isEqualTo(2500L);
    assertExit(
        face.destroyCachedValues(on.connection(), new ArrayList<>(values.keySet())), "success");
    assertThat(on.keyCount()).isZero();
  }

  @AcrossDeployments
  void destroyCachedValues_invalidKeys_deletesNothing(Deployment on, Face face) {
    assertExit(face.cacheValue(on.connection(), "a", 1, null), "success");
    assertError(
        face.destroyCachedValues(on.connection(), Arrays.asList("a", null)),
        "invalidKeys",
        RedisErrorCode.INVALID_INPUT,
        "keys[1]");
    assertExit(face.destroyCachedValues(on.connection(), List.of("a", "")), "invalidKeys");
    assertThat(on.command("a", "EXISTS", "a")).isEqualTo(1L);
  }

  @AcrossDeployments
  void flushCache_emptiesEveryMaster(Deployment on, Face face) {
    assertExit(
        face.cacheValues(on.connection(), Map.of("a", 1, "b", 2, "c", 3, "d", 4), null), "success");
    assertThat(face.flushCache(on.connection())).isEqualTo(new Ran("success", null));
    assertThat(on.keyCount()).isZero();
  }

  @AcrossDeployments
  void namespace_prefixesEveryKey_andFlushCacheRemovesOnlyIt_globCharactersEscaped(
      Deployment on, Face face) {
    on.command("outside", "SET", "outside", "1");
    on.command("axb:other", "SET", "axb:other", "1"); // would match an unescaped a?b:*
    try (Manager ns =
            Redis.createManager(on.uri("namespace=" + TestUrls.encode("a?b:"))).orThrow();
        Connection c = Redis.getConnection(ns).orThrow()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < 1200; i++) {
        values.put("k" + i, i);
      }
      assertExit(face.cacheValues(c, values, null), "success");
      assertExit(face.cacheValue(c, "one", "1", 60L), "success");
      assertThat(on.command("a?b:k1", "EXISTS", "a?b:k1")).isEqualTo(1L);
      assertThat((Long) on.command("a?b:one", "TTL", "a?b:one")).isBetween(50L, 60L);
      assertThat(face.getCachedValue(c, "k1")).isEqualTo(new Ran("success", 1));
      Ran found = face.getCachedValues(c, List.of("k1", "k2", "outside"));
      assertThat(found.values()).isEqualTo(map("k1", 1, "k2", 2));
      assertThat(found.notFound()).containsExactly("outside");

      assertExit(face.flushCache(c), "success");
      assertThat(on.keyCount()).isEqualTo(2L);
      assertThat(on.command("outside", "EXISTS", "outside")).isEqualTo(1L);
      assertThat(on.command("axb:other", "EXISTS", "axb:other")).isEqualTo(1L);
    }
  }

  @AcrossDeployments
  void everyCacheMachine_badConnection_afterRelease(Deployment on, Face face) {
    Connection released = Redis.getConnection(on.manager()).orThrow();
    Redis.releaseConnection(released).orThrow();
    List<Ran> runs =
        List.of(
            face.cacheValue(released, "k", 1, null),
            face.getCachedValue(released, "k"),
            face.destroyCachedValues(released, List.of("k")),
            face.flushCache(released),
            face.cacheValues(released, Map.of("k", 1), null),
            face.getCachedValues(released, List.of("k")));
    assertThat(runs).allSatisfy(ran -> assertExit(ran, "badConnection"));
  }

  @AcrossDeployments
  void cacheValues_thenGetCachedValues_acrossHashSlots_withPerKeyNotFound(
      Deployment on, Face face) {
    Map<String, Object> values = map("a", "things", "b", null, "c", Map.of("n", 1));
    assertThat(face.cacheValues(on.connection(), values, null)).isEqualTo(new Ran("success", null));
    assertThat(on.command("a", "GET", "a")).isEqualTo("\"things\"");
    assertThat(on.command("a", "TTL", "a")).isEqualTo(-1L);

    Ran found =
        assertExit(
            face.getCachedValues(on.connection(), List.of("a", "missing", "b", "c", "a")),
            "success");
    assertThat(found.values()).isEqualTo(values).containsKey("b"); // null is a value
    assertThat(found.notFound()).containsExactly("missing");
  }

  @AcrossDeployments
  void cacheValues_manyKeys_inBatches_withTtl(Deployment on, Face face) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < 2500; i++) {
      values.put("k" + i, i);
    }
    assertExit(face.cacheValues(on.connection(), values, 600L), "success");
    assertThat(on.keyCount()).isEqualTo(2500L);
    assertThat((Long) on.command("k2499", "TTL", "k2499")).isBetween(590L, 600L);
    Ran found = face.getCachedValues(on.connection(), new ArrayList<>(values.keySet()));
    assertThat(found.values()).hasSize(2500).containsEntry("k1234", 1234);
    assertThat(found.notFound()).isEmpty();
  }

  @AcrossDeployments
  void bulk_emptyInputs_succeed(Deployment on, Face face) {
    assertExit(face.cacheValues(on.connection(), Map.of(), null), "success");
    Ran found = face.getCachedValues(on.connection(), List.of());
    assertThat(found.values()).isEmpty();
    assertThat(found.notFound()).isEmpty();
  }

  @AcrossDeployments
  void bulk_invalidKeys_writeAndReadNothing(Deployment on, Face face) {
    Map<String, Object> values = map("ok", 1, "", 2);
    assertError(
        face.cacheValues(on.connection(), values, null),
        "invalidKeys",
        RedisErrorCode.INVALID_INPUT,
        "values");
    assertThat(on.keyCount()).isZero();
    assertError(
        face.getCachedValues(on.connection(), Arrays.asList("ok", null)),
        "invalidKeys",
        RedisErrorCode.INVALID_INPUT,
        "keys[1]");
  }

  @AcrossDeployments
  void cacheValues_error_whenAValueIsNotSerializable_andNothingIsWritten(Deployment on, Face face) {
    assertError(
        face.cacheValues(on.connection(), map("fine", 1, "bad", Double.NaN), null),
        "error",
        RedisErrorCode.VALUE_NOT_SERIALIZABLE,
        "'bad'");
    assertThat(on.keyCount()).isZero();
  }

  @AcrossDeployments
  void getCachedValues_error_namesTheKeyThatIsNotJson(Deployment on, Face face) {
    assertExit(face.cacheValues(on.connection(), Map.of("a", 1, "b", 2), null), "success");
    on.command("raw", "SET", "raw", "not json");
    assertError(
        face.getCachedValues(on.connection(), List.of("a", "raw", "b")),
        "error",
        RedisErrorCode.VALUE_NOT_JSON,
        "'raw'");
  }

  @AcrossDeployments
  void getCachedValues_error_namesTheFirstKeyThatIsNotJson_inLaterBatches(
      Deployment on, Face face) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < 2500; i++) {
      values.put("k" + i, i);
    }
    assertExit(face.cacheValues(on.connection(), values, null), "success");
    // The synchronous faces decode the batches of 1000 on two threads (the caller's: the first
    // and third; the I/O thread's: the second), as they arrive. Whichever thread decodes which,
    // the exit names the first key that is not JSON in the order asked: k2300 alone, then k1500
    // once it is not JSON either.
    for (String raw : List.of("k2300", "k1500")) {
      on.command(raw, "SET", raw, "not json");
      assertError(
          face.getCachedValues(on.connection(), new ArrayList<>(values.keySet())),
          "error",
          RedisErrorCode.VALUE_NOT_JSON,
          "'" + raw + "'");
    }
  }

  @AcrossDeployments
  void getOrCacheValue_missComputesAndStores_hitDoesNotCall_throwCachesNothing(
      Deployment on, Face face) {
    AtomicInteger calls = new AtomicInteger();
    Callable<Object> compute = () -> map("n", calls.incrementAndGet());
    assertThat(face.getOrCacheValue(on.connection(), "goc", 60L, compute))
        .isEqualTo(new Ran("success", Ran.obtained(map("n", 1), true)));
    assertThat(face.getOrCacheValue(on.connection(), "goc", 60L, compute))
        .isEqualTo(new Ran("success", Ran.obtained(map("n", 1), false)));
    assertThat(calls.get()).isEqualTo(1);
    assertThat(on.command("goc", "GET", "goc")).isEqualTo("{\"n\":1}");
    assertThat((Long) on.command("goc", "TTL", "goc")).isBetween(50L, 60L);
    assertThat(on.command("goc:mp-lock", "EXISTS", "goc:mp-lock")).isEqualTo(0L);

    Callable<Object> failing =
        () -> {
          throw new IllegalStateException("backend down");
        };
    assertError(
        face.getOrCacheValue(on.connection(), "failing", null, failing),
        "computeFailed",
        RedisErrorCode.COMPUTE_FAILED,
        "'backend down'");
    assertThat(on.command("failing", "EXISTS", "failing")).isEqualTo(0L);
    assertThat(on.command("failing:mp-lock", "EXISTS", "failing:mp-lock")).isEqualTo(0L);
  }
}
