package dev.mpredis.spring;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.MachineException;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.GetOrCacheValue;
import dev.mpredis.redis.KeyPage;
import dev.mpredis.redis.ReadAs;
import dev.mpredis.redis.Redis;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;
import org.springframework.util.ClassUtils;

/**
 * A Spring {@link org.springframework.cache.Cache} on the cache machines. Each entry is one Redis
 * key, {@code <cache name>:<key>} (after the manager's namespace, if any), holding the value as
 * JSON as {@code cache-value} stores it, for the cache's time to live.
 *
 * <ul>
 *   <li>{@code get}: {@code get-cached-value}. A stored JSON {@code null} is a cached null (a hit),
 *       a missing key a miss. Values come back as the type the cache reads: the return type of the
 *       {@code @Cacheable} method with {@link MpRedisCacheResolver} (the auto-configuration's
 *       default), the type given to {@code get(key, Class)}, else plain JSON data (maps, lists,
 *       strings, numbers, booleans): a stored text never chooses a Java class.
 *   <li>{@code get(key, valueLoader)} ({@code @Cacheable(sync = true)}): {@code
 *       get-or-cache-value}, so a missing key is computed once across every process while the lock
 *       (5 s) outlasts the loader; a loader that throws caches nothing and ends in {@link
 *       ValueRetrievalException} with its exception as the cause.
 *   <li>{@code retrieve} (methods returning {@code CompletableFuture}): the same machines without
 *       blocking.
 *   <li>{@code put}: {@code cache-value} with the ttl; {@code putIfAbsent}: {@code
 *       get-or-cache-value} with the value as the function (stored unless a value is there).
 *   <li>{@code evict}: {@code destroy-cached-values}; {@code clear}: {@code list-keys} of {@code
 *       <cache name>:*} (never KEYS, never FLUSHDB) and {@code destroy-cached-values} page by page,
 *       leaving the locks of running {@code get-or-cache-value} calls ({@code *:mp-lock}) to their
 *       ttl. Entries written while it runs may stay. A cache whose name starts with this cache's
 *       name and {@code :} shares its key space: avoid {@code :} in cache names.
 * </ul>
 *
 * <p>Keys are the key's text: a {@code String} as it is, anything else by its own {@code toString}
 * ({@code SimpleKey [a, b]} for several parameters); a key whose class has none is refused. A
 * failure of the server or the connection throws a {@link MachineException} carrying the exit and
 * its classified error, for Spring's {@code CacheErrorHandler}.
 *
 * <p>Thread-safe and immutable; {@link #readingAs(Type)} gives a view reading another type.
 */
public final class MpRedisCache extends AbstractValueAdaptingCache {

  /** The ending of the locks {@code get-or-cache-value} takes: never an entry. */
  static final String LOCK_SUFFIX = ":mp-lock";

  private final String name;
  private final String prefix;
  private final Duration ttl;
  private final Supplier<Connection> connection;
  private final Object nativeCache;
  private final Type valueType;
  private final ReadAs<Object> readAs;

  MpRedisCache(
      String name,
      Duration ttl,
      boolean allowNullValues,
      Supplier<Connection> connection,
      Object nativeCache,
      Type valueType) {
    super(allowNullValues);
    this.name = name;
    this.prefix = name + ":";
    this.ttl = ttl;
    this.connection = connection;
    this.nativeCache = nativeCache;
    this.valueType = valueType == null ? Object.class : valueType;
    this.readAs = readAs(this.valueType);
  }

  @Override
  public String getName() {
    return name;
  }

  /** The {@link dev.mpredis.redis.Manager} the cache runs on. */
  @Override
  public Object getNativeCache() {
    return nativeCache;
  }

  /** How long an entry lasts; {@link Duration#ZERO} for ever. */
  public Duration timeToLive() {
    return ttl;
  }

  /** The type values are read as ({@code Object}: plain JSON data). */
  public Type valueType() {
    return valueType;
  }

  /**
   * This cache reading values as {@code type} ({@code null} or {@code Object}: plain JSON data).
   */
  public MpRedisCache readingAs(Type type) {
    Type wanted = type == null ? Object.class : type;
    return wanted.equals(valueType)
        ? this
        : new MpRedisCache(name, ttl, isAllowNullValues(), connection, nativeCache, wanted);
  }

  @Override
  protected Object lookup(Object key) {
    return lookup(key, readAs);
  }

  @Override
  public <T> T get(Object key, Class<T> type) {
    if (type == null) {
      return super.get(key, type);
    }
    @SuppressWarnings("unchecked")
    Class<T> boxed = (Class<T>) ClassUtils.resolvePrimitiveIfNecessary(type);
    @SuppressWarnings("unchecked")
    T value = (T) fromStoreValue(lookup(key, readAs(boxed)));
    return value;
  }

  private Object lookup(Object key, ReadAs<?> as) {
    String redisKey = redisKey(key);
    GetCachedValue.Result<?> result =
        GetCachedValue.INSTANCE.run(
            () -> new GetCachedValue.Inputs(connection.get(), redisKey, null), as);
    if (result instanceof GetCachedValue.Success<?> found) {
      return found.value() != null ? found.value() : nullStored();
    }
    if (result instanceof GetCachedValue.NotFound<?>) {
      return null;
    }
    throw failure(result);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(Object key, Callable<T> valueLoader) {
    String redisKey = redisKey(key);
    Callable<Object> compute =
        () -> {
          Object value = valueLoader.call();
          if (value == null && !isAllowNullValues()) {
            throw new NullNotAllowed(nullRefused());
          }
          return value;
        };
    GetOrCacheValue.Result<Object> result = getOrCache(redisKey, compute);
    if (result instanceof GetOrCacheValue.Success<Object> success) {
      return (T) success.obtained().value();
    }
    if (result instanceof GetOrCacheValue.ComputeFailed<Object> failed) {
      Throwable cause = failed.error().cause().orElse(null);
      if (cause instanceof NullNotAllowed refused) {
        throw new IllegalArgumentException(refused.getMessage());
      }
      throw new ValueRetrievalException(key, valueLoader, cause);
    }
    throw failure(result);
  }

  /**
   * {@code get-cached-value} without blocking, for {@code @Cacheable} methods returning {@code
   * CompletableFuture}: the future completes with {@code null} on a miss, else with the value (in a
   * {@link ValueWrapper} when nulls are allowed, so a cached null is a hit), or fails with a {@link
   * MachineException}. It completes on a thread of the common pool, never on an I/O thread: Spring
   * goes on from it with a blocking {@code put} of the method's result, which would wait for its
   * own thread.
   */
  @Override
  public CompletableFuture<?> retrieve(Object key) {
    String redisKey = redisKey(key);
    return GetCachedValue.INSTANCE
        .runAsync(new GetCachedValue.Inputs(connection.get(), redisKey, null), readAs)
        .toCompletableFuture()
        .thenApplyAsync(
            result -> {
              if (result instanceof GetCachedValue.Success<Object> found) {
                Object stored = found.value() != null ? found.value() : nullStored();
                return stored == null || !isAllowNullValues() ? stored : toValueWrapper(stored);
              }
              if (result instanceof GetCachedValue.NotFound<Object>) {
                return null;
              }
              throw failure(result);
            });
  }

  /**
   * {@code get-or-cache-value} without blocking, for {@code @Cacheable(sync = true)} methods
   * returning {@code CompletableFuture}: the loader's future is awaited under the lock (on a thread
   * of the machine's own, never an I/O thread); a loader that fails makes the future fail with its
   * exception. It completes on a thread of the common pool, as {@link #retrieve(Object)} does.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
    String redisKey = redisKey(key);
    Callable<Object> compute =
        () ->
            valueLoader
                .get()
                .thenApply(
                    value -> {
                      if (value == null && !isAllowNullValues()) {
                        throw new CompletionException(new NullNotAllowed(nullRefused()));
                      }
                      return value;
                    });
    return GetOrCacheValue.INSTANCE
        .runAsync(
            () ->
                new GetOrCacheValue.Inputs(
                    connection.get(), redisKey, compute, ttl.getSeconds(), null, null, null),
            readAs)
        .toCompletableFuture()
        .thenApplyAsync(
            result -> {
              if (result instanceof GetOrCacheValue.Success<Object> success) {
                return (T) success.obtained().value();
              }
              if (result instanceof GetOrCacheValue.ComputeFailed<Object> failed) {
                Throwable cause = failed.error().cause().orElse(null);
                throw new CompletionException(
                    cause instanceof NullNotAllowed refused
                        ? new IllegalArgumentException(refused.getMessage())
                        : cause);
              }
              throw failure(result);
            });
  }

  @Override
  public void put(Object key, Object value) {
    Object stored = toStoreValue(value);
    String redisKey = redisKey(key);
    Exit<?> result =
        Redis.cacheValue(
            connection.get(), redisKey, stored == NullValue.INSTANCE ? null : stored, ttl);
    if (!result.isSuccess()) {
      throw failure(result);
    }
  }

  @Override
  public ValueWrapper putIfAbsent(Object key, Object value) {
    Object stored = toStoreValue(value);
    Object plain = stored == NullValue.INSTANCE ? null : stored;
    GetOrCacheValue.Result<Object> result = getOrCache(redisKey(key), () -> plain);
    if (result instanceof GetOrCacheValue.Success<Object> success) {
      if (success.obtained().computed()) {
        return null;
      }
      Object present = success.obtained().value();
      return toValueWrapper(present != null ? present : nullStored());
    }
    throw failure(result);
  }

  @Override
  public void evict(Object key) {
    Exit<?> result = Redis.destroyCachedValues(connection.get(), List.of(redisKey(key)));
    if (!result.isSuccess()) {
      throw failure(result);
    }
  }

  @Override
  public void clear() {
    Connection c = connection.get();
    String pattern = globEscaped(prefix) + "*";
    String cursor = null;
    do {
      Exit<KeyPage> listed = Redis.listKeys(c, pattern, 1000, cursor);
      if (!listed.isSuccess()) {
        throw failure(listed);
      }
      KeyPage page = listed.orThrow();
      List<String> entries = page.keys().stream().filter(k -> !k.endsWith(LOCK_SUFFIX)).toList();
      if (!entries.isEmpty()) {
        Exit<?> destroyed = Redis.destroyCachedValues(c, entries);
        if (!destroyed.isSuccess()) {
          throw failure(destroyed);
        }
      }
      cursor = page.cursor();
    } while (cursor != null);
  }

  private GetOrCacheValue.Result<Object> getOrCache(String redisKey, Callable<Object> compute) {
    return GetOrCacheValue.INSTANCE.run(
        () ->
            new GetOrCacheValue.Inputs(
                connection.get(), redisKey, compute, ttl.getSeconds(), null, null, null),
        readAs);
  }

  /** A stored JSON null: a cached null when nulls are allowed, else a miss. */
  private Object nullStored() {
    return isAllowNullValues() ? NullValue.INSTANCE : null;
  }

  private String nullRefused() {
    return "Cache '" + name + "' is configured to not allow null values but null was provided";
  }

  /** The Redis key of a cache key: {@code <cache name>:<key text>}. */
  String redisKey(Object key) {
    if (key instanceof String text) {
      return prefix + text;
    }
    if (key == null) {
      throw new IllegalArgumentException("cache '" + name + "': the key must not be null");
    }
    try {
      if (key.getClass().getMethod("toString").getDeclaringClass() == Object.class) {
        throw new IllegalArgumentException(
            "cache '"
                + name
                + "': a key of type "
                + key.getClass().getName()
                + " has no toString of its own, so it has no stable text; give the cache a"
                + " String key (for example @Cacheable(key = \"#id.value\"))");
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("every class has toString", e);
    }
    return prefix + key;
  }

  private static RuntimeException failure(Exit<?> exit) {
    if (exit instanceof Exit.Failed failed) {
      return failed.error().toException(exit.exitName());
    }
    return new MachineException(exit.exitName(), null);
  }

  /** {@code text} with the glob characters of SCAN MATCH escaped. */
  static String globEscaped(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '*' || ch == '?' || ch == '[' || ch == ']' || ch == '\\') {
        out.append('\\');
      }
      out.append(ch);
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static ReadAs<Object> readAs(Type type) {
    if (type instanceof Class<?> plain) {
      return (ReadAs<Object>) ReadAs.of(ClassUtils.resolvePrimitiveIfNecessary(plain));
    }
    return ReadAs.of(
        new TypeReference<Object>() {
          @Override
          public Type getType() {
            return type;
          }
        });
  }

  @Override
  public String toString() {
    return "MpRedisCache[" + name + ", ttl=" + ttl + ", type=" + valueType.getTypeName() + "]";
  }

  /** The loader gave null to a cache that does not store nulls: nothing is cached. */
  private static final class NullNotAllowed extends Exception {
    NullNotAllowed(String message) {
      super(message, null, false, false);
    }
  }
}
