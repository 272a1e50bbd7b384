package dev.mpredis.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpredis.redis.Manager;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auto-configured Spring Cache on a real server: {@code @Cacheable} (typed reads, nulls, sync),
 * {@code @CachePut}, {@code @CacheEvict}, {@code clear} scoped to one cache, {@code putIfAbsent},
 * per-cache ttl, and how the entries look in Redis.
 */
@Tag("server")
@SpringBootTest(
    classes = SpringCacheTest.App.class,
    properties = {
      "mp-redis.cache.time-to-live=600s",
      "mp-redis.cache.caches.short.time-to-live=30s",
      "mp-redis.cache.caches.forever.time-to-live=0s"
    })
@DirtiesContext
class SpringCacheTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  @DynamicPropertySource
  static void redisProperties(DynamicPropertyRegistry registry) {
    registry.add("mp-redis.url", () -> redis.server().uri());
  }

  record User(long id, String name) {}

  /** A service whose methods count their calls (read through methods: the bean is a proxy). */
  static class Users {
    private final AtomicInteger calls = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public AtomicInteger calls() {
      return calls;
    }

    public void gate(CountDownLatch gate) {
      this.gate = gate;
    }

    @Cacheable("users")
    public User find(long id) {
      calls.incrementAndGet();
      return new User(id, "user " + id);
    }

    @Cacheable("user-lists")
    public List<User> all(String group) {
      calls.incrementAndGet();
      return List.of(new User(1, group), new User(2, group));
    }

    @Cacheable("users")
    public Optional<User> maybe(long id) {
      calls.incrementAndGet();
      return id < 0 ? Optional.empty() : Optional.of(new User(id, "maybe " + id));
    }

    @Cacheable("nulls")
    public String nothing(String key) {
      calls.incrementAndGet();
      return null;
    }

    @Cacheable("counts")
    public int count(String key) {
      calls.incrementAndGet();
      return key.length();
    }

    @Cacheable(cacheNames = "short", sync = true)
    public User slow(long id) throws InterruptedException {
      calls.incrementAndGet();
      assertThat(gate.await(20, TimeUnit.SECONDS)).isTrue();
      return new User(id, "slow " + id);
    }

    @Cacheable(cacheNames = "short", sync = true)
    public User failing(long id) {
      calls.incrementAndGet();
      throw new IllegalStateException("database down");
    }

    @Cacheable("async-users")
    public CompletableFuture<User> findLater(long id) {
      calls.incrementAndGet();
      return CompletableFuture.supplyAsync(() -> new User(id, "later " + id));
    }

    @Cacheable(cacheNames = "async-users", sync = true)
    public CompletableFuture<User> loadLater(long id) {
      calls.incrementAndGet();
      return CompletableFuture.supplyAsync(() -> new User(id, "loaded " + id));
    }

    @Cacheable("async-nulls")
    public CompletableFuture<String> nothingLater(String key) {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }

    @CachePut(cacheNames = "users", key = "#result.id")
    public User save(User user) {
      return user;
    }

    @CacheEvict("users")
    public void evict(long id) {}

    @CacheEvict(cacheNames = "users", allEntries = true)
    public void evictAll() {}
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @EnableCaching
  static class App {
    @Bean
    Users users() {
      return new Users();
    }
  }

  @Autowired Users users;
  @Autowired CacheManager cacheManager;
  @Autowired Manager manager;

  @BeforeEach
  void empty() throws IOException {
    redis.server().command("FLUSHDB");
    users.calls().set(0);
  }

  @Test
  void cacheManager_isMpRedis_onTheManagerBean() {
    assertThat(cacheManager).isInstanceOf(MpRedisCacheManager.class);
    assertThat(cacheManager.getCache("users").getNativeCache()).isSameAs(manager);
  }

  @Test
  void cacheable_storesJsonUnderCacheNameColonKey_andReadsTheReturnTypeBack() throws IOException {
    User first = users.find(42);
    User second = users.find(42);

    assertThat(second).isEqualTo(first).isInstanceOf(User.class);
    assertThat(users.calls()).hasValue(1);
    assertThat(redis.server().command("GET", "users:42"))
        .isEqualTo("{\"id\":42,\"name\":\"user 42\"}");
    assertThat((Long) redis.server().command("TTL", "users:42")).isBetween(590L, 600L);
  }

  @Test
  void cacheable_genericAndOptionalAndPrimitiveReturnTypes_comeBackTyped() {
    assertThat(users.all("g")).isEqualTo(users.all("g"));
    assertThat(users.all("g").get(0)).isInstanceOf(User.class);
    assertThat(users.maybe(7)).contains(new User(7, "maybe 7"));
    assertThat(users.maybe(7).orElseThrow()).isInstanceOf(User.class);
    assertThat(users.count("four")).isEqualTo(users.count("four")).isEqualTo(4);
    assertThat(users.calls()).hasValue(3);
  }

  @Test
  void cacheable_null_isStoredAsJsonNull_andIsAHit() throws IOException {
    assertThat(users.nothing("k")).isNull();
    assertThat(users.nothing("k")).isNull();
    assertThat(users.calls()).hasValue(1);
    assertThat(redis.server().command("GET", "nulls:k")).isEqualTo("null");
    assertThat(cacheManager.getCache("nulls").get("k")).isNotNull(); // a hit holding null
    assertThat(cacheManager.getCache("nulls").get("k").get()).isNull();
  }

  @Test
  void cacheable_completableFuture_isServedWithoutBlocking_typed() throws Exception {
    assertThat(users.findLater(8).get(5, TimeUnit.SECONDS)).isEqualTo(new User(8, "later 8"));
    assertThat(users.findLater(8).get(5, TimeUnit.SECONDS)).isInstanceOf(User.class);
    assertThat(users.loadLater(9).get(5, TimeUnit.SECONDS)).isEqualTo(new User(9, "loaded 9"));
    assertThat(users.loadLater(9).get(5, TimeUnit.SECONDS)).isInstanceOf(User.class);
    assertThat(users.nothingLater("n").get(5, TimeUnit.SECONDS)).isNull();
    assertThat(users.nothingLater("n").get(5, TimeUnit.SECONDS)).isNull();
    assertThat(users.calls()).hasValue(3);
    assertThat(redis.server().command("GET", "async-users:9"))
        .isEqualTo("{\"id\":9,\"name\":\"loaded 9\"}");
  }

  @Test
  void perCacheTtl_andZeroForEver() throws IOException {
    cacheManager.getCache("short").put("a", 1);
    cacheManager.getCache("forever").put("a", 1);
    assertThat((Long) redis.server().command("TTL", "short:a")).isBetween(20L, 30L);
    assertThat(redis.server().command("TTL", "forever:a")).isEqualTo(-1L);
  }

  @Test
  void cachePut_andEvict_andEvictAll_touchOnlyTheirCache() throws IOException {
    users.save(new User(5, "saved"));
    assertThat(users.find(5)).isEqualTo(new User(5, "saved"));
    assertThat(users.calls()).hasValue(0);

    users.find(6);
    cacheManager.getCache("user-lists").put("x", List.of());
    redis.server().command("SET", "usersX", "not ours");
    redis.server().command("SET", "users:9:mp-lock", "a running computation's lock");

    users.evict(5);
    assertThat(redis.server().command("EXISTS", "users:5")).isEqualTo(0L);
    assertThat(redis.server().command("EXISTS", "users:6")).isEqualTo(1L);

    users.evictAll();
    assertThat(redis.server().command("EXISTS", "users:6")).isEqualTo(0L);
    assertThat(redis.server().command("EXISTS", "user-lists:x", "usersX", "users:9:mp-lock"))
        .isEqualTo(3L);
  }

  @Test
  void clear_pagesThroughManyKeys() throws IOException {
    Cache cache = cacheManager.getCache("many");
    for (int i = 0; i < 1100; i++) {
      cache.put(i, i);
    }
    cache.clear();
    assertThat(redis.server().command("DBSIZE")).isEqualTo(0L);
  }

  @Test
  void putIfAbsent_storesOnlyWhenAbsent_andGivesWhatIsThere() {
    Cache cache = cacheManager.getCache("plain");
    assertThat(cache.putIfAbsent("k", "first")).isNull();
    assertThat(cache.putIfAbsent("k", "second").get()).isEqualTo("first");
    assertThat(cache.get("k", String.class)).isEqualTo("first");
  }

  @Test
  void get_withoutAType_isPlainJsonData_withATypeIsBound() {
    users.find(1);
    Cache cache = cacheManager.getCache("users");
    assertThat(cache.get(1L).get()).isEqualTo(Map.of("id", 1, "name", "user 1"));
    assertThat(cache.get(1L, User.class)).isEqualTo(new User(1, "user 1"));
    assertThat(cache.get(2L)).isNull();
  }

  @Test
  void cacheableSync_computesOnceForConcurrentCallers() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    users.gate(gate);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<User>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(pool.submit(() -> users.slow(3)));
      }
      Waits.until(
          "the first caller computes under the lock",
          Duration.ofSeconds(10),
          () -> users.calls().get() == 1 && exists("short:3:mp-lock"));
      gate.countDown();
      for (Future<User> call : calls) {
        assertThat(call.get(20, TimeUnit.SECONDS)).isEqualTo(new User(3, "slow 3"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(users.calls()).hasValue(1);
  }

  @Test
  void cacheableSync_loaderThrows_givesItsException_andCachesNothing() throws IOException {
    // Spring unwraps the cache's ValueRetrievalException for the caller of the method.
    assertThatThrownBy(() -> users.failing(4))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database down");
    assertThatThrownBy(
            () ->
                cacheManager
                    .getCache("short")
                    .get(
                        "direct",
                        () -> {
                          throw new IOException("disk gone");
                        }))
        .isInstanceOf(Cache.ValueRetrievalException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(redis.server().command("EXISTS", "short:4", "short:4:mp-lock", "short:direct"))
        .isEqualTo(0L);
  }

  private static boolean exists(String key) {
    try {
      return Long.valueOf(1).equals(redis.server().command("EXISTS", key));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
