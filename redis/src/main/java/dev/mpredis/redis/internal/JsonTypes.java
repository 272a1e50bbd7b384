package dev.mpredis.redis.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads stored values as a caller's type with {@link Json}'s rules, building what a type needs
 * once: its Jackson type and a reader that holds its root deserializer. {@code
 * ObjectMapper.readValue} looks both up again on every call, through Jackson's type cache, whose
 * bookkeeping threads contend on under load (it showed in near-cache hits). Bounded by the types a
 * program reads as. Thread-safe.
 */
public final class JsonTypes {

  private static final ClassValue<JavaType> CLASSES =
      new ClassValue<>() {
        @Override
        protected JavaType computeValue(Class<?> type) {
          return Json.mapper().constructType(type);
        }
      };

  private static final ConcurrentHashMap<JavaType, ObjectReader> READERS =
      new ConcurrentHashMap<>();

  private JsonTypes() {}

  /** The Jackson type of a class. */
  public static JavaType of(Class<?> type) {
    return CLASSES.get(type);
  }

  /** The Jackson type of a type reference. */
  public static JavaType of(TypeReference<?> type) {
    return Json.mapper().constructType(type);
  }

  /**
   * Parses a stored value as {@code type}.
   *
   * @throws IOException if it is not valid JSON or does not fit the type
   */
  public static Object read(byte[] json, JavaType type) throws IOException {
    return READERS.computeIfAbsent(type, Json.mapper()::readerFor).readValue(json);
  }
}
