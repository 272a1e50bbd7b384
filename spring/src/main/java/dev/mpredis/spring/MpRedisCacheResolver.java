package dev.mpredis.spring;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheOperationInvocationContext;
import org.springframework.cache.interceptor.SimpleCacheResolver;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Resolves caches by name, as Spring's default does, and has each {@link MpRedisCache} read values
 * as the invoked method's return type: {@code User} for {@code User find(long id)}, {@code
 * List<User>} for a list, the content type of {@code Optional<T>} and {@code CompletableFuture<T>}
 * (which Spring caches unwrapped). Without it an {@code MpRedisCache} reads plain JSON data, since
 * a stored text never chooses a Java class. Other caches are passed through unchanged.
 *
 * <p>The auto-configuration installs it unless the application has a {@code CachingConfigurer} of
 * its own; that one can return {@link MpRedisCacheManager#cacheResolver()} from {@code
 * cacheResolver()}. Thread-safe.
 */
public final class MpRedisCacheResolver extends SimpleCacheResolver {

  private record Site(Method method, Class<?> target) {}

  private final Map<Site, Type> types = new ConcurrentHashMap<>();

  /** Resolves caches of {@code cacheManager}. */
  public MpRedisCacheResolver(CacheManager cacheManager) {
    super(cacheManager);
  }

  @Override
  public Collection<? extends Cache> resolveCaches(CacheOperationInvocationContext<?> context) {
    Collection<? extends Cache> caches = super.resolveCaches(context);
    List<Cache> resolved = new ArrayList<>(caches.size());
    for (Cache cache : caches) {
      resolved.add(cache instanceof MpRedisCache mp ? mp.readingAs(valueType(context)) : cache);
    }
    return resolved;
  }

  private Type valueType(CacheOperationInvocationContext<?> context) {
    Class<?> target = AopProxyUtils.ultimateTargetClass(context.getTarget());
    return types.computeIfAbsent(
        new Site(context.getMethod(), target), site -> valueType(site.method(), site.target()));
  }

  /** The type a method's cached values have: its return type, unwrapped, boxed. */
  static Type valueType(Method method, Class<?> target) {
    ResolvableType type = ResolvableType.forMethodReturnType(method, target);
    Class<?> raw = type.resolve();
    if (raw == Optional.class) {
      type = type.getGeneric(0);
    } else if (raw != null && CompletionStage.class.isAssignableFrom(raw)) {
      type = type.as(CompletionStage.class).getGeneric(0);
    }
    raw = type.resolve();
    if (raw == null || raw == void.class || raw == Void.class) {
      return Object.class;
    }
    return resolved(type);
  }

  /** {@code type} with every type variable resolved (to {@code Object} where it cannot be). */
  private static Type resolved(ResolvableType type) {
    Class<?> raw = ClassUtils.resolvePrimitiveIfNecessary(type.resolve(Object.class));
    if (!type.hasGenerics() || raw.isArray()) {
      return raw;
    }
    ResolvableType[] generics = type.getGenerics();
    Type[] arguments = new Type[generics.length];
    for (int i = 0; i < generics.length; i++) {
      arguments[i] = resolved(generics[i]);
    }
    return new Parameterized(raw, arguments);
  }

  /** A resolved parameterized type, as Jackson reads it. */
  private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return raw.getDeclaringClass();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Parameterized p
          && raw.equals(p.raw)
          && java.util.Arrays.equals(arguments, p.arguments);
    }

    @Override
    public int hashCode() {
      return raw.hashCode() * 31 + java.util.Arrays.hashCode(arguments);
    }

    @Override
    public String getTypeName() {
      StringBuilder name = new StringBuilder(raw.getTypeName()).append('<');
      for (int i = 0; i < arguments.length; i++) {
        name.append(i == 0 ? "" : ",").append(arguments[i].getTypeName());
      }
      return name.append('>').toString();
    }

    @Override
    public String toString() {
      return getTypeName();
    }
  }
}
