package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.RedisServerExtension;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every exit of the cache machines, against a real server. */
@Tag("server")
class CacheMachinesTest {

  @RegisterExtension
  static final RedisServerExtension redis =
      RedisServerExtension.create(
          b ->
              b.user(AclUser.keyPattern("limited", "limited-pw", "app:*"))
                  .user(new AclUser("noflush", "noflush-pw", "~* &* +@all -flushdb")));

  static Manager manager;
  static Connection connection;

  @BeforeAll
  static void connect() {
    manager = Redis.createManager(redis.server().uri()).orThrow();
    connection = Redis.getConnection(manager).orThrow();
  }

  @AfterAll
  static void destroy() {
    manager.close();
  }

  @BeforeEach
  void emptyDatabase() throws IOException {
    redis.server().command("FLUSHALL");
  }

  static Stream<Arguments> originalValues() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("a", 1);
    object.put("nested", Map.of("list", List.of(1, "two", false)));
    return Stream.of(
        Arguments.of("hello world", "\"hello world\""),
        Arguments.of(object, "{\"a\":1,\"nested\":{\"list\":[1,\"two\",false]}}"),
        Arguments.of(List.of(1, 2, 3), "[1,2,3]"),
        Arguments.of(29, "29"),
        Arguments.of(null, "null"),
        Arguments.of(false, "false"),
        Arguments.of(0, "0"),
        Arguments.of("", "\"\""),
        Arguments.of("12345", "\"12345\""),
        Arguments.of("things", "\"things\""),
        Arguments.of(1.5, "1.5"),
        Arguments.of(List.of(), "[]"),
        Arguments.of(Map.of(), "{}"),
        Arguments.of("ünïcödé ✓ 😀", "\"ünïcödé ✓ 😀\""),
        Arguments.of("line\nbreak\ttab \"quoted\"", "\"line\\nbreak\\ttab \\\"quoted\\\"\""));
  }

  @ParameterizedTest
  @MethodSource("originalValues")
  void cacheValue_storesTheOriginalsJson_andReadsBackEqual(Object value, String json)
      throws IOException {
    assertThat(Redis.cacheValue(connection, "v", value)).isInstanceOf(CacheValue.Success.class);
    assertThat(redis.server().command("GET", "v")).isEqualTo(json);
    GetCachedValue.Result<Object> read = Redis.getCachedValue(connection, "v");
    assertThat(read).isInstanceOf(GetCachedValue.Success.class);
    assertThat(((GetCachedValue.Success) read).value()).isEqualTo(value);
  }

  @Test
  void getCachedValue_readsWhatTheJavaScriptOriginalWrote() throws IOException {
    redis.server().command("SET", "from-js", "{\"name\":\"Ada\",\"tags\":[\"x\"],\"n\":null}");
    Object value = Redis.getCachedValue(connection, "from-js").orThrow();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("name", "Ada");
    expected.put("tags", List.of("x"));
    expected.put("n", null);
    assertThat(value).isEqualTo(expected);
  }

  @Test
  void cacheValue_oneMegabyteString_roundTrips() {
    String big = "x".repeat(1024 * 1024);
    Redis.cacheValue(connection, "big", big).orThrow();
    assertThat(Redis.getCachedValue(connection, "big").orThrow()).isEqualTo(big);
  }

  @Test
  void keys_withSpacesNewlinesAndUnicode_roundTripExactly() throws IOException {
    for (String key : List.of("a key", "line\nbreak", "tab\tkey", "ключ", "😀", "nul\0byte")) {
      Redis.cacheValue(connection, key, key).orThrow();
      assertThat(Redis.getCachedValue(connection, key).orThrow()).isEqualTo(key);
    }
    assertThat(redis.server().command("DBSIZE")).isEqualTo(6L);
  }

  @Test
  void cacheValue_ttl_setsExpiryInTheSameCommand() throws IOException {
    Redis.cacheValue(connection, "ttl", "v", Duration.ofSeconds(3600)).orThrow();
    long ttl = (Long) redis.server().command("TTL", "ttl");
    assertThat(ttl).isBetween(3590L, 3600L);
    Redis.cacheValue(connection, "forever", "v", Duration.ofSeconds(0)).orThrow();
    assertThat(redis.server().command("TTL", "forever")).isEqualTo(-1L);
  }

  @Test
  void getCachedValue_notFound_afterExpiry() {
    Redis.cacheValue(connection, "short", "v", Duration.ofSeconds(1)).orThrow();
    Waits.until(
        "the key expires",
        Duration.ofSeconds(5),
        () -> Redis.getCachedValue(connection, "short") instanceof GetCachedValue.NotFound);
  }

  @Test
  void getCachedValue_notFound_afterDestroy() {
    Redis.cacheValue(connection, "stuff", "things").orThrow();
    Redis.destroyCachedValues(connection, List.of("stuff")).orThrow();
    assertThat(Redis.getCachedValue(connection, "stuff"))
        .isInstanceOf(GetCachedValue.NotFound.class);
  }

  @Test
  void getCachedValue_typed_readsIntoAClassOrTypeReference() {
    Redis.cacheValue(connection, "user", Map.of("name", "Ada", "age", 36)).orThrow();
    Object user = Redis.getCachedValue(connection, "user", User.class).orThrow();
    assertThat(user).isEqualTo(new User("Ada", 36));
    Redis.cacheValue(connection, "users", List.of(Map.of("name", "Bob", "age", 7))).orThrow();
    Object users =
        Redis.getCachedValue(connection, "users", new TypeReference<List<User>>() {}).orThrow();
    assertThat(users).isEqualTo(List.of(new User("Bob", 7)));
    assertThat(Redis.getCachedValue(connection, "users", User.class))
        .isInstanceOfSatisfying(
            GetCachedValue.Error.class,
            e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.VALUE_NOT_CONVERTIBLE));
  }

  /** A plain record: what the stored text can bind to. */
  record User(String name, int age) {}

  @Test
  void getCachedValue_typeHintsInStoredText_stayPlainData() throws IOException {
    redis.server().command("SET", "evil", "[\"java.net.URL\",\"http://example.com\"]");
    assertThat(Redis.getCachedValue(connection, "evil").orThrow())
        .isEqualTo(List.of("java.net.URL", "http://example.com"));
    redis.server().command("SET", "evil2", "{\"@class\":\"java.io.File\",\"path\":\"/\"}");
    assertThat(Redis.getCachedValue(connection, "evil2").orThrow()).isInstanceOf(Map.class);
  }

  @Test
  void getCachedValue_error_whenStoredTextIsNotJson() throws IOException {
    for (String text : List.of("plain text", "{} x", "{\"a\":1,\"a\":2}", "")) {
      redis.server().command("SET", "raw", text);
      assertThat(Redis.getCachedValue(connection, "raw"))
          .as(text)
          .isInstanceOfSatisfying(
              GetCachedValue.Error.class,
              e -> {
                assertThat(e.error().code()).isEqualTo(RedisErrorCode.VALUE_NOT_JSON);
                assertThat(e.error().message()).contains("'raw'");
              });
    }
  }

  @Test
  void getCachedValue_error_onDeepNesting_withoutStackOverflow() throws IOException {
    redis.server().command("SET", "deep", "[".repeat(10_000) + "]".repeat(10_000));
    assertThat(Redis.getCachedValue(connection, "deep")).isInstanceOf(GetCachedValue.Error.class);
  }

  @Test
  void getCachedValue_error_onWrongRedisType() throws IOException {
    redis.server().command("LPUSH", "list", "x");
    assertThat(Redis.getCachedValue(connection, "list"))
        .isInstanceOfSatisfying(
            GetCachedValue.Error.class,
            e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.WRONG_TYPE));
  }

  @Test
  void cacheValue_error_whenValueIsNotSerializable_andNothingIsWritten() throws IOException {
    Map<String, Object> cycle = new LinkedHashMap<>();
    cycle.put("self", cycle);
    List<Object> unserializable =
        Arrays.asList(
            new Object(), Double.NaN, cycle, (Runnable) () -> {}, Double.POSITIVE_INFINITY);
    for (Object value : unserializable) {
      assertThat(Redis.cacheValue(connection, "bad", value))
          .as(String.valueOf(value.getClass()))
          .isInstanceOfSatisfying(
              CacheValue.Error.class,
              e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.VALUE_NOT_SERIALIZABLE));
    }
    assertThat(redis.server().command("EXISTS", "bad")).isEqualTo(0L);
  }

  @Test
  void cacheValue_error_onBadInputs_namesTheInput() throws IOException {
    assertInvalid(Redis.cacheValue(connection, "", 1), "key", "must not be empty");
    assertInvalid(Redis.cacheValue(connection, null, 1), "key", "is required");
    assertInvalid(Redis.cacheValue(connection, "k", 1, Duration.ofSeconds(-1)), "ttl", "-1");
    assertInvalid(Redis.cacheValue(connection, "bad\uD800key", 1), "key", "surrogate");
    assertThat(redis.server().command("DBSIZE")).isEqualTo(0L);
  }

  @Test
  void cacheValue_error_onServerOutOfMemory() throws IOException {
    redis.server().command("CONFIG", "SET", "maxmemory", "1");
    try {
      assertThat(Redis.cacheValue(connection, "k", "v"))
          .isInstanceOfSatisfying(
              CacheValue.Error.class,
              e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.OUT_OF_MEMORY));
    } finally {
      redis.server().command("CONFIG", "SET", "maxmemory", "0");
    }
  }

  private static void assertInvalid(dev.mpredis.machine.Exit<?> exit, String input, String what) {
    assertThat(exit.exitName()).isEqualTo("error");
    dev.mpredis.machine.MachineError error = ((dev.mpredis.machine.Exit.Failed) exit).error();
    assertThat(error.code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
    assertThat(error.message()).contains("'" + input + "'").contains(what);
  }

  @Test
  void destroyCachedValues_missingAndDuplicateKeysAreFine_emptyListNeedsNoServer()
      throws IOException {
    Redis.cacheValue(connection, "a", 1).orThrow();
    Redis.cacheValue(connection, "b", 2).orThrow();
    assertThat(Redis.destroyCachedValues(connection, List.of("a", "a", "missing", "b")))
        .isInstanceOf(DestroyCachedValues.Success.class);
    assertThat(redis.server().command("DBSIZE")).isEqualTo(0L);

    redis.server().pause();
    try {
      assertThat(Redis.destroyCachedValues(connection, List.of()))
          .isInstanceOf(DestroyCachedValues.Success.class);
    } finally {
      redis.server().resume();
    }
  }

  @Test
  void destroyCachedValues_manyKeys_inBatches() throws IOException {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      keys.add("k" + i);
      Redis.cacheValue(connection, "k" + i, i).orThrow();
    }
    Redis.destroyCachedValues(connection, keys).orThrow();
    assertThat(redis.server().command("DBSIZE")).isEqualTo(0L);
  }

  @Test
  void destroyCachedValues_invalidKeys_deletesNothing() throws IOException {
    Redis.cacheValue(connection, "a", 1).orThrow();
    assertThat(Redis.destroyCachedValues(connection, Arrays.asList("a", null)))
        .isInstanceOfSatisfying(
            DestroyCachedValues.InvalidKeys.class,
            i -> assertThat(i.error().message()).contains("keys[1]"));
    assertThat(Redis.destroyCachedValues(connection, List.of("a", "")))
        .isInstanceOf(DestroyCachedValues.InvalidKeys.class);
    assertThat(redis.server().command("EXISTS", "a")).isEqualTo(1L);
  }

  @Test
  void destroyCachedValues_failed_whenAclForbidsTheKey() throws IOException {
    try (Manager limited =
            Redis.createManager("redis://limited:limited-pw@127.0.0.1:" + redis.server().port())
                .orThrow();
        Connection c = Redis.getConnection(limited).orThrow()) {
      redis.server().command("SET", "other", "1");
      assertThat(Redis.destroyCachedValues(c, List.of("app:1", "other")))
          .isInstanceOfSatisfying(
              DestroyCachedValues.Failed.class,
              f -> assertThat(f.error().code()).isEqualTo(RedisErrorCode.NO_PERMISSION));
      assertThat(redis.server().command("EXISTS", "other")).isEqualTo(1L);
    }
  }

  @Test
  void destroyCachedValues_error_whenKeysMissing() {
    assertThat(Redis.destroyCachedValues(connection, null))
        .isInstanceOf(DestroyCachedValues.Error.class);
  }

  @Test
  void flushCache_emptiesTheDatabase() throws IOException {
    Redis.cacheValue(connection, "a", 1).orThrow();
    assertThat(Redis.flushCache(connection)).isInstanceOf(FlushCache.Success.class);
    assertThat(redis.server().command("DBSIZE")).isEqualTo(0L);
  }

  @Test
  void flushCache_failed_whenAclForbidsFlushdb() throws IOException {
    try (Manager noflush =
            Redis.createManager("redis://noflush:noflush-pw@127.0.0.1:" + redis.server().port())
                .orThrow();
        Connection c = Redis.getConnection(noflush).orThrow()) {
      Redis.cacheValue(c, "kept", 1).orThrow();
      assertThat(Redis.flushCache(c))
          .isInstanceOfSatisfying(
              FlushCache.Failed.class,
              f -> assertThat(f.error().code()).isEqualTo(RedisErrorCode.NO_PERMISSION));
      assertThat(redis.server().command("EXISTS", "kept")).isEqualTo(1L);
    }
  }

  @Test
  void cacheValue_withNamespace_storesUnderItAndTheSeparator() throws IOException {
    for (String namespace : List.of("app1", "app1:")) {
      redis.server().command("DEL", "app1:session:abc", "app1session:abc");
      try (Manager ns =
              Redis.createManager(redis.server().uri() + "?namespace=" + namespace).orThrow();
          Connection c = Redis.getConnection(ns).orThrow()) {
        Redis.cacheValue(c, "session:abc", "v").orThrow();
        assertThat(redis.server().command("GET", "app1:session:abc")).isEqualTo("\"v\"");
        assertThat(redis.server().command("EXISTS", "app1session:abc")).isEqualTo(0L);
        assertThat(Redis.getCachedValue(c, "session:abc").orThrow()).isEqualTo("v");
      }
    }
  }

  @Test
  void flushCache_withNamespace_removesOnlyTheNamespace_globCharactersEscaped() throws IOException {
    redis.server().command("SET", "outside", "1");
    redis.server().command("SET", "axb:other", "1"); // would match an unescaped a?b:*
    try (Manager ns =
            Redis.createManager(redis.server().uri() + "?namespace=" + TestUrls.encode("a?b:"))
                .orThrow();
        Connection c = Redis.getConnection(ns).orThrow()) {
      for (int i = 0; i < 2500; i++) {
        Redis.cacheValue(c, "k" + i, i).orThrow();
      }
      assertThat(redis.server().command("EXISTS", "a?b:k1")).isEqualTo(1L);
      assertThat(Redis.getCachedValue(c, "k1").orThrow()).isEqualTo(1);
      assertThat(Redis.flushCache(c)).isInstanceOf(FlushCache.Success.class);
      assertThat(redis.server().command("DBSIZE")).isEqualTo(2L);
      assertThat(redis.server().command("EXISTS", "outside", "axb:other")).isEqualTo(2L);
    }
  }

  @Test
  void everyCacheMachine_badConnection_afterRelease_withoutTouchingTheServer() {
    Connection released = Redis.getConnection(manager).orThrow();
    Redis.releaseConnection(released).orThrow();
    redis.server().pause(); // a network call would time out; none is made
    try {
      assertThat(Redis.cacheValue(released, "k", 1)).isInstanceOf(CacheValue.BadConnection.class);
      assertThat(Redis.getCachedValue(released, "k"))
          .isInstanceOf(GetCachedValue.BadConnection.class);
      assertThat(Redis.destroyCachedValues(released, List.of("k")))
          .isInstanceOf(DestroyCachedValues.BadConnection.class);
      assertThat(Redis.flushCache(released)).isInstanceOf(FlushCache.BadConnection.class);
      assertThat(Redis.authenticate(released, "pw")).isInstanceOf(Authenticate.BadConnection.class);
    } finally {
      redis.server().resume();
    }
  }

  @Test
  void commands_timeOutWithinTheCommandTimeout_whenServerIsPaused() {
    try (Manager fast =
            Redis.createManager(redis.server().uri() + "?commandTimeout=200").orThrow();
        Connection c = Redis.getConnection(fast).orThrow()) {
      redis.server().pause();
      long start = System.nanoTime();
      CacheValue.Result result;
      try {
        result = Redis.cacheValue(c, "k", 1);
      } finally {
        redis.server().resume();
      }
      long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertThat(result)
          .isInstanceOfSatisfying(
              CacheValue.Error.class,
              e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.COMMAND_TIMEOUT));
      assertThat(tookMillis).isLessThan(2000);
    }
  }
}
