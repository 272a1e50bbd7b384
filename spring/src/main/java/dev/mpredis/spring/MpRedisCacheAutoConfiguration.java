package dev.mpredis.spring;

import dev.mpredis.redis.Manager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Cache {@link MpRedisCacheManager} on the {@link Manager} bean, when caching is enabled
 * ({@code @EnableCaching}) and the application has no {@code CacheManager} of its own. It runs
 * before Spring Boot's cache auto-configuration, which then backs off; {@code
 * mp-redis.cache.enabled=false} leaves caching to Spring Boot. Unless the application has a {@code
 * CachingConfigurer}, one is added whose cache resolver is {@link MpRedisCacheResolver}, so that
 * {@code @Cacheable} methods get their values back as their return type.
 */
@AutoConfiguration(
    after = MpRedisAutoConfiguration.class,
    beforeName = {
      "org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration", // Boot 3
      "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration" // Boot 4
    })
@ConditionalOnBean({Manager.class, CacheAspectSupport.class})
@ConditionalOnProperty(
    prefix = "mp-redis.cache",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class MpRedisCacheAutoConfiguration {

  /** Used by Spring Boot. */
  public MpRedisCacheAutoConfiguration() {}

  /**
   * The cache manager, from {@code mp-redis.cache.*}.
   *
   * @throws IllegalArgumentException if a time to live is not whole seconds from 0 to 100 years
   */
  @Bean
  @ConditionalOnMissingBean(CacheManager.class)
  public MpRedisCacheManager cacheManager(Manager manager, MpRedisProperties properties) {
    MpRedisProperties.Cache cache = properties.getCache();
    try {
      MpRedisCacheManager.Builder builder =
          MpRedisCacheManager.builder(manager)
              .defaultTimeToLive(cache.getTimeToLive())
              .allowNullValues(cache.isAllowNullValues());
      cache.getCaches().forEach((name, spec) -> builder.cache(name, spec.getTimeToLive()));
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mp-redis.cache: " + e.getMessage(), e);
    }
  }

  /** Reads values as the {@code @Cacheable} method's return type, when the caches are ours. */
  @Bean
  @ConditionalOnMissingBean(CachingConfigurer.class)
  public CachingConfigurer mpRedisCachingConfigurer(ObjectProvider<CacheManager> cacheManagers) {
    return new CachingConfigurer() {
      @Override
      public CacheResolver cacheResolver() {
        return cacheManagers.getIfUnique() instanceof MpRedisCacheManager caches
            ? caches.cacheResolver()
            : null; // Spring's default resolver
      }
    };
  }
}
