package dev.mpredis.redis;

import java.util.List;
import java.util.Map;

/**
 * What {@code get-cached-values} found: the values of the keys that exist (a JSON {@code null} is a
 * value), and the keys that do not. Immutable.
 *
 * @param values the values by key, in the order asked, for the keys that exist
 * @param notFound the keys that do not exist (or have expired), in the order asked
 * @param <T> the type the values were read as ({@code Object}: plain JSON data)
 */
public record CachedValues<T>(Map<String, T> values, List<String> notFound) {

  public CachedValues {
    values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    notFound = List.copyOf(notFound);
  }
}
