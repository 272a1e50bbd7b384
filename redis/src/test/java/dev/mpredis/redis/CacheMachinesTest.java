package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.RedisExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cache machines where one server's setup matters: ACL users that may not delete or flush, a
 * server out of memory or paused, and the typed face's reads into Java types. Their behaviour exits
 * on every deployment and through every face are in {@link CacheMatrixTest}.
 */
@Tag("server")
class CacheMachinesTest {

  @RegisterExtension
  static final RedisExtension redis =
      Deployment.withPack(
          RedisExtension.server(
              b ->
                  b.user(AclUser.keyPattern("limited", "limited-pw", "app:*"))
                      .user(new AclUser("noflush", "noflush-pw", "~* &* +@all -flushdb"))));

  @BeforeEach
  void emptyDatabase() throws IOException {
    redis.server().command("FLUSHALL");
  }

  @Test
  void cacheValue_oneMegabyteString_roundTrips(Connection connection) {
    String big = "x".repeat(1024 * 1024);
    Redis.cacheValue(connection, "big", big).orThrow();
    assertThat(Redis.getCachedValue(connection, "big").orThrow()).isEqualTo(big);
  }

  @Test
  void getCachedValue_typed_readsIntoAClassOrTypeReference(Connection connection) {
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
  void getCachedValue_typeHintsInStoredText_stayPlainData(Connection connection)
      throws IOException {
    redis.server().command("SET", "evil", "[\"java.net.URL\",\"http://example.com\"]");
    assertThat(Redis.getCachedValue(connection, "evil").orThrow())
        .isEqualTo(List.of("java.net.URL", "http://example.com"));
    redis.server().command("SET", "evil2", "{\"@class\":\"java.io.File\",\"path\":\"/\"}");
    assertThat(Redis.getCachedValue(connection, "evil2").orThrow()).isInstanceOf(Map.class);
  }

  @Test
  void getCachedValue_error_forEveryKindOfTextThatIsNotJson(Connection connection)
      throws IOException {
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
  void getCachedValue_error_onDeepNesting_withoutStackOverflow(Connection connection)
      throws IOException {
    redis.server().command("SET", "deep", "[".repeat(10_000) + "]".repeat(10_000));
    assertThat(Redis.getCachedValue(connection, "deep")).isInstanceOf(GetCachedValue.Error.class);
  }

  @Test
  void cacheValue_error_onServerOutOfMemory(Connection connection) throws IOException {
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

  @Test
  void destroyCachedValues_emptyList_needsNoServer(Connection connection) {
    redis.server().pause();
    try {
      assertThat(Redis.destroyCachedValues(connection, List.of()))
          .isInstanceOf(DestroyCachedValues.Success.class);
    } finally {
      redis.server().resume();
    }
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
  void everyCacheMachine_badConnection_afterRelease_withoutTouchingTheServer(Manager manager) {
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
