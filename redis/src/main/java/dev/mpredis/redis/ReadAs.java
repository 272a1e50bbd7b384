package dev.mpredis.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.JsonTypes;

/**
 * The Java type a read binds its values to: a class or a generic type. Binding is plain data
 * binding, never polymorphic: the stored text can never choose a class. Immutable.
 *
 * <pre>{@code
 * GetCachedValue.INSTANCE.runAsync(inputs, ReadAs.of(Session.class));
 * GetCachedValues.INSTANCE.run(() -> inputs, ReadAs.of(new TypeReference<List<Item>>() {}));
 * }</pre>
 *
 * @param <T> the type
 */
public final class ReadAs<T> {

  private final Class<T> type;
  private final TypeReference<T> generic;
  private final JavaType javaType; // built once; null when no type was given

  private ReadAs(Class<T> type, TypeReference<T> generic) {
    this.type = type;
    this.generic = generic;
    this.javaType =
        generic != null ? JsonTypes.of(generic) : type != null ? JsonTypes.of(type) : null;
  }

  /**
   * One per class, made at its first use (with its Jackson type): reads name the same few classes
   * over and over, and a ReadAs is immutable. Held by the class itself, so it goes when the class
   * is unloaded.
   */
  private static final ClassValue<ReadAs<?>> OF_CLASS =
      new ClassValue<>() {
        @Override
        protected ReadAs<?> computeValue(Class<?> type) {
          return new ReadAs<>(type, null);
        }
      };

  /** Values read as {@code type}; a null type is refused when the read runs (INVALID_INPUT). */
  @SuppressWarnings("unchecked") // OF_CLASS holds the ReadAs of each class under that class
  public static <T> ReadAs<T> of(Class<T> type) {
    return type == null ? new ReadAs<>(null, null) : (ReadAs<T>) OF_CLASS.get(type);
  }

  /** Values read as a generic type; a null type is refused when the read runs. */
  public static <T> ReadAs<T> of(TypeReference<T> type) {
    return new ReadAs<>(null, type);
  }

  /** The Jackson type of {@code readAs}, failing with INVALID_INPUT naming 'type' if absent. */
  static JavaType javaType(ReadAs<?> readAs) {
    Checks.required("type", readAs);
    if (readAs.generic == null) {
      Checks.required("type", readAs.type);
    }
    return readAs.javaType;
  }

  @Override
  public String toString() {
    return "ReadAs[" + (generic != null ? generic.getType() : type) + "]";
  }
}
