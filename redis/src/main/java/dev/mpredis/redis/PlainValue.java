package dev.mpredis.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mpredis.redis.internal.Json;

/**
 * A value read from the cache, convertible to a Java type afterwards by plain data binding: the
 * stored text can never choose a class. Immutable.
 *
 * @param <T> the type the value was read as
 */
public interface PlainValue<T> {

  /** The value as read. */
  T value();

  /**
   * The value converted to {@code type}.
   *
   * @throws IllegalArgumentException if the value does not fit the type
   */
  default <V> V valueAs(Class<V> type) {
    return Json.mapper().convertValue(value(), type);
  }

  /**
   * The value converted to a generic type.
   *
   * @throws IllegalArgumentException if the value does not fit the type
   */
  default <V> V valueAs(TypeReference<V> type) {
    return Json.mapper().convertValue(value(), type);
  }
}
