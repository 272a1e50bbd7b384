package dev.mpredis.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpredis.redis.ConnectionString;
import dev.mpredis.redis.ConnectionString.Node;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which beans the auto-configuration makes, and under which conditions; how {@code
 * spring.data.redis.*} maps to a connection string. No server: managers connect on first use.
 */
@Tag("unit")
class AutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  MpRedisAutoConfiguration.class,
                  MpRedisCacheAutoConfiguration.class,
                  MpRedisHealthAutoConfiguration.class,
                  MpRedisMetricsAutoConfiguration.class));

  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class CachingOn {}

  @Configuration(proxyBeanMethods = false)
  static class OwnManager {
    @Bean(destroyMethod = "close")
    Manager ownManager() {
      return Redis.createManager("redis://127.0.0.1:6390/3").orThrow();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class OwnCacheManager {
    @Bean
    CacheManager ownCaches() {
      return new ConcurrentMapCacheManager();
    }
  }

  @Test
  void manager_fromMpRedisUrl_destroyedWithTheContext() {
    AtomicReference<Manager> seen = new AtomicReference<>();
    runner
        .withPropertyValues(
            "mp-redis.url=redis://127.0.0.1:6391/4", "spring.data.redis.host=ignored.example")
        .run(
            context -> {
              Manager manager = context.getBean(Manager.class);
              seen.set(manager);
              assertThat(manager.target()).isEqualTo("redis://127.0.0.1:6391/4");
              assertThat(manager.isDestroyed()).isFalse();
              assertThat(context).hasBean("mpRedisHealthIndicator");
              assertThat(context).hasSingleBean(MpRedisMetrics.class);
              assertThat(context).doesNotHaveBean(CacheManager.class); // no @EnableCaching
            });
    assertThat(seen.get().isDestroyed()).isTrue();
  }

  @Test
  void manager_fromSpringDataRedis_whenNoUrl() {
    runner
        .withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6392")
        .run(
            context ->
                assertThat(context.getBean(Manager.class).target())
                    .isEqualTo("redis://127.0.0.1:6392/0"));
  }

  @Test
  void manager_ofTheApplication_isKept() {
    runner
        .withUserConfiguration(OwnManager.class)
        .withPropertyValues("mp-redis.url=redis://127.0.0.1:6391")
        .run(
            context -> {
              assertThat(context).hasSingleBean(Manager.class);
              assertThat(context.getBean(Manager.class).target()).endsWith(":6390/3");
            });
  }

  @Test
  void manager_malformedUrl_failsTheStart_namingThePropertyWithoutThePassword() {
    runner
        .withPropertyValues("mp-redis.url=redis://:s3cret@127.0.0.1:99999")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("mp-redis.url")
                  .message()
                  .doesNotContain("s3cret");
            });
  }

  @Test
  void cacheManager_onlyWithCaching_andWithoutACacheManagerOfTheApplication() {
    runner
        .withUserConfiguration(CachingOn.class)
        .withPropertyValues("mp-redis.url=redis://127.0.0.1:6391")
        .run(context -> assertThat(context).hasSingleBean(MpRedisCacheManager.class));
    runner
        .withUserConfiguration(OwnCacheManager.class)
        .withPropertyValues("mp-redis.url=redis://127.0.0.1:6391")
        .run(
            context -> {
              assertThat(context).hasSingleBean(CacheManager.class);
              assertThat(context).doesNotHaveBean(MpRedisCacheManager.class);
            });
    runner
        .withUserConfiguration(CachingOn.class)
        .withPropertyValues("mp-redis.url=redis://127.0.0.1:6391", "mp-redis.cache.enabled=false")
        .run(
            context ->
                // Left to Spring Boot's cache auto-configuration, which this runner does not have.
                assertThat(context.getStartupFailure())
                    .hasMessageContaining(
                        "No qualifying bean of type 'org.springframework.cache.CacheManager'"));
  }

  @Test
  void cacheManager_ttlWithAFraction_failsTheStart_namingTheCache() {
    runner
        .withUserConfiguration(CachingOn.class)
        .withPropertyValues(
            "mp-redis.url=redis://127.0.0.1:6391",
            "mp-redis.cache.caches.users.time-to-live=1500ms")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(
                        "mp-redis.cache: time to live of cache 'users' was set to PT1.5S, must be"
                            + " whole seconds"));
  }

  @Test
  void healthAndMetrics_offWithoutTheirClasses_orWhenDisabled() {
    runner
        .withPropertyValues("mp-redis.url=redis://127.0.0.1:6391")
        .withClassLoader(
            new FilteredClassLoader(
                "org.springframework.boot.actuate",
                "org.springframework.boot.health",
                "io.micrometer.core"))
        .run(
            context -> {
              assertThat(context).hasSingleBean(Manager.class);
              assertThat(context).doesNotHaveBean("mpRedisHealthIndicator");
              assertThat(context).doesNotHaveBean(MpRedisMetrics.class);
            });
    runner
        .withPropertyValues(
            "mp-redis.url=redis://127.0.0.1:6391", "management.health.mpredis.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("mpRedisHealthIndicator"));
  }

  @Test
  void springDataRedis_standalone_mapsEveryProperty() {
    assertThat(
            fromSpring(
                Map.of(
                    "host", "cache.example.com",
                    "port", "6380",
                    "database", "2",
                    "username", "app",
                    "password", "s3cret",
                    "ssl.enabled", "true",
                    "timeout", "2s",
                    "connect-timeout", "500ms",
                    "client-name", "orders")))
        .isEqualTo(
            ConnectionString.builder()
                .standalone("cache.example.com", 6380)
                .database(2)
                .username("app")
                .password("s3cret")
                .tls(true)
                .commandTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofMillis(500))
                .clientName("orders")
                .build());
  }

  @Test
  void springDataRedis_defaults_areSpringBootsLocalhost() {
    assertThat(fromSpring(Map.of()))
        .isEqualTo(ConnectionString.builder().standalone("localhost", 6379).build());
  }

  @Test
  void springDataRedis_sentinel_andCluster_andUrl() {
    assertThat(
            fromSpring(
                Map.of(
                    "sentinel.master", "mymaster",
                    "sentinel.nodes", "s1:26379, s2:26380,s3",
                    "sentinel.password", "watch",
                    "password", "data",
                    "database", "1")))
        .isEqualTo(
            ConnectionString.builder()
                .sentinel(
                    "mymaster",
                    List.of(new Node("s1", 26379), new Node("s2", 26380), new Node("s3", 26379)))
                .sentinelPassword("watch")
                .password("data")
                .database(1)
                .build());
    assertThat(fromSpring(Map.of("cluster.nodes", "n1:7000,[::1]:7001", "timeout", "1s")))
        .isEqualTo(
            ConnectionString.builder()
                .cluster(List.of(new Node("n1", 7000), new Node("::1", 7001)))
                .commandTimeout(Duration.ofSeconds(1))
                .build());
    assertThat(fromSpring(Map.of("url", "rediss://u:p@h.example:6390", "database", "5")))
        .isEqualTo(
            ConnectionString.parse("rediss://u:p@h.example:6390").toBuilder().database(5).build());
  }

  @Test
  void springDataRedis_whatCannotBeMapped_isRefused_namingTheProperty() {
    assertThatThrownBy(() -> fromSpring(Map.of("sentinel.master", "m", "cluster.nodes", "n1:7000")))
        .hasMessageContaining("spring.data.redis.sentinel.* and spring.data.redis.cluster.nodes");
    assertThatThrownBy(() -> fromSpring(Map.of("sentinel.nodes", "s1:26379")))
        .hasMessageContaining("without spring.data.redis.sentinel.master");
    assertThatThrownBy(() -> fromSpring(Map.of("ssl.bundle", "corp")))
        .hasMessageContaining("spring.data.redis.ssl.bundle");
    assertThatThrownBy(() -> fromSpring(Map.of("cluster.nodes", "n1:x")))
        .hasMessageContaining("spring.data.redis.cluster.nodes item 'n1:x'");
    assertThatThrownBy(
            () -> fromSpring(Map.of("cluster.nodes", "n1:7000", "database", "3", "password", "pw")))
        .hasMessageStartingWith("spring.data.redis.* do not make a valid connection")
        .message()
        .doesNotContain("pw");
  }

  private static ConnectionString fromSpring(Map<String, String> properties) {
    Map<String, String> prefixed = new java.util.HashMap<>();
    properties.forEach((k, v) -> prefixed.put(SpringDataRedisConnection.PREFIX + k, v));
    return SpringDataRedisConnection.from(new Binder(new MapConfigurationPropertySource(prefixed)));
  }
}
