package dev.mpredis.spring;

import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * A Spring {@link CacheManager} on the cache machines of one mp-redis {@link Manager}: every cache
 * is an {@link MpRedisCache} whose keys are {@code <cache name>:<key>}. Caches are made on first
 * use, each with its own time to live or the default.
 *
 * <pre>{@code
 * MpRedisCacheManager caches = MpRedisCacheManager.builder(manager)
 *     .defaultTimeToLive(Duration.ofMinutes(10))
 *     .cache("users", Duration.ofHours(1))
 *     .build();
 * }</pre>
 *
 * <p>Lifecycle: it leases one shared connection from the manager on first use and keeps it (leases
 * of the shared connection follow reconnects); {@link #close()} releases it. Close it before the
 * manager (a Spring context does: the cache manager depends on the manager). Thread-safe.
 */
public final class MpRedisCacheManager implements CacheManager, AutoCloseable {

  /** The longest time to live a cache can have: 100 years, as {@code cache-value} allows. */
  public static final Duration MAX_TIME_TO_LIVE = Duration.ofSeconds(3_153_600_000L);

  private final Manager manager;
  private final Duration defaultTtl;
  private final boolean allowNullValues;
  private final Map<String, Duration> ttls;
  private final ConcurrentMap<String, MpRedisCache> caches = new ConcurrentHashMap<>();
  private final Object leaseLock = new Object();
  private volatile Connection lease;

  private MpRedisCacheManager(Builder b) {
    this.manager = b.manager;
    this.defaultTtl = b.defaultTtl;
    this.allowNullValues = b.allowNullValues;
    this.ttls = Map.copyOf(b.ttls);
    b.ttls.keySet().forEach(this::getCache);
  }

  /** A builder for caches on {@code manager}: no expiry and null values allowed by default. */
  public static Builder builder(Manager manager) {
    return new Builder(manager);
  }

  @Override
  public Cache getCache(String name) {
    Objects.requireNonNull(name, "name");
    return caches.computeIfAbsent(
        name,
        n ->
            new MpRedisCache(
                n,
                ttls.getOrDefault(n, defaultTtl),
                allowNullValues,
                this::connection,
                manager,
                null));
  }

  @Override
  public Collection<String> getCacheNames() {
    return Collections.unmodifiableSet(caches.keySet());
  }

  /** A cache resolver that reads each {@code @Cacheable} method's values as its return type. */
  public MpRedisCacheResolver cacheResolver() {
    return new MpRedisCacheResolver(this);
  }

  /**
   * The lease the caches use: the one taken on first use while it is active, else a new one.
   *
   * @throws dev.mpredis.machine.MachineException if {@code get-connection} does not succeed (the
   *     manager was destroyed, the server cannot be reached within the timeout, ...)
   */
  Connection connection() {
    Connection current = lease;
    if (current != null && current.isActive()) {
      return current;
    }
    synchronized (leaseLock) {
      if (lease == null || !lease.isActive()) {
        lease = Redis.getConnection(manager).orThrow();
      }
      return lease;
    }
  }

  /** Releases the lease the caches hold, if any. Never throws. */
  @Override
  public void close() {
    synchronized (leaseLock) {
      if (lease != null) {
        Redis.releaseConnection(lease);
        lease = null;
      }
    }
  }

  @Override
  public String toString() {
    return "MpRedisCacheManager[" + manager + ", caches=" + caches.keySet() + "]";
  }

  /** Builds an {@link MpRedisCacheManager}. Not thread-safe. */
  public static final class Builder {
    private final Manager manager;
    private Duration defaultTtl = Duration.ZERO;
    private boolean allowNullValues = true;
    private final Map<String, Duration> ttls = new LinkedHashMap<>();

    private Builder(Manager manager) {
      this.manager = Objects.requireNonNull(manager, "manager");
    }

    /**
     * How long entries of caches without a time to live of their own last ({@code null} or zero:
     * for ever).
     *
     * @throws IllegalArgumentException if it is negative, longer than {@link #MAX_TIME_TO_LIVE} or
     *     not whole seconds (Redis counts this expiry in seconds; rounding would change it)
     */
    public Builder defaultTimeToLive(Duration ttl) {
      this.defaultTtl = checked("default time to live", ttl);
      return this;
    }

    /** Whether null values are cached (as JSON null; the default), or refused. */
    public Builder allowNullValues(boolean allowNullValues) {
      this.allowNullValues = allowNullValues;
      return this;
    }

    /**
     * A cache made at once, with its own time to live ({@code null}: the default).
     *
     * @throws IllegalArgumentException if the ttl breaks the rules of {@link
     *     #defaultTimeToLive(Duration)}
     */
    public Builder cache(String name, Duration ttl) {
      Objects.requireNonNull(name, "name");
      ttls.put(name, ttl == null ? null : checked("time to live of cache '" + name + "'", ttl));
      return this;
    }

    /** The cache manager. */
    public MpRedisCacheManager build() {
      ttls.replaceAll((name, ttl) -> ttl == null ? defaultTtl : ttl);
      return new MpRedisCacheManager(this);
    }

    private static Duration checked(String what, Duration ttl) {
      if (ttl == null) {
        return Duration.ZERO;
      }
      if (ttl.isNegative() || ttl.compareTo(MAX_TIME_TO_LIVE) > 0 || ttl.getNano() != 0) {
        throw new IllegalArgumentException(
            what
                + " was set to "
                + ttl
                + ", must be whole seconds from 0 (for ever) to 100 years (Redis counts this"
                + " expiry in seconds)");
      }
      return ttl;
    }
  }
}
