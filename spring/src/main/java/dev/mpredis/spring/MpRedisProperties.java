package dev.mpredis.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code mp-redis.*} properties. Without {@code mp-redis.url} the manager is configured from
 * Spring Boot's {@code spring.data.redis.*} properties instead.
 *
 * <p>Not thread-safe: Spring binds it once at start-up; treat it as read-only afterwards.
 */
@ConfigurationProperties(prefix = "mp-redis")
public class MpRedisProperties {

  /** Every property at its default. */
  public MpRedisProperties() {}

  /**
   * The connection string of the manager, for example {@code redis://localhost:6379/0}, {@code
   * redis-sentinel://s1:26379,s2:26379/0#mymaster} or {@code redis-cluster://n1:7000,n2:7001}. When
   * set, every spring.data.redis.* property is ignored.
   */
  private String url;

  private final Cache cache = new Cache();

  private final Health health = new Health();

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public Cache getCache() {
    return cache;
  }

  public Health getHealth() {
    return health;
  }

  /** The {@code mp-redis.cache.*} properties of the Spring Cache {@code CacheManager}. */
  public static class Cache {

    /** Every cache property at its default. */
    public Cache() {}

    /** Whether to provide a CacheManager on the cache machines (when caching is enabled). */
    private boolean enabled = true;

    /** How long an entry lasts, in whole seconds; unset or 0 for ever. */
    private Duration timeToLive;

    /** Whether null values are stored (as JSON null); when false, caching null is an error. */
    private boolean allowNullValues = true;

    /** Per cache, by name: its own time to live. */
    private final Map<String, CacheSpec> caches = new LinkedHashMap<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getTimeToLive() {
      return timeToLive;
    }

    public void setTimeToLive(Duration timeToLive) {
      this.timeToLive = timeToLive;
    }

    public boolean isAllowNullValues() {
      return allowNullValues;
    }

    public void setAllowNullValues(boolean allowNullValues) {
      this.allowNullValues = allowNullValues;
    }

    public Map<String, CacheSpec> getCaches() {
      return caches;
    }
  }

  /** The {@code mp-redis.cache.caches.<name>.*} properties of one cache. */
  public static class CacheSpec {

    /** No time to live of its own. */
    public CacheSpec() {}

    /** How long this cache's entries last, in whole seconds; 0 for ever; unset: the default. */
    private Duration timeToLive;

    public Duration getTimeToLive() {
      return timeToLive;
    }

    public void setTimeToLive(Duration timeToLive) {
      this.timeToLive = timeToLive;
    }
  }

  /** The {@code mp-redis.health.*} properties of the health indicator. */
  public static class Health {

    /** Every health property at its default. */
    public Health() {}

    /** How long a health check may wait for a connection. */
    private Duration timeout = Duration.ofSeconds(2);

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }
}
