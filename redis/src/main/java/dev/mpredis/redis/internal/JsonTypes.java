package dev.mpredis.redis.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads stored values as a caller's type with {@link Json}'s rules (duplicate keys refused by
 * {@link DuplicateNames}, trailing text refused), building what a type needs once: its Jackson type
 * and a reader that holds its root deserializer. {@code ObjectMapper.readValue} looks both up again
 * on every call, through Jackson's type cache, whose bookkeeping threads contend on under load (it
 * showed in near-cache hits). Bounded by the types a program reads as. Thread-safe.
 */
public final class JsonTypes {

  /**
   * A type's two readers: {@code checked} for {@link #read} (duplicate keys refused by {@link
   * DuplicateNames}), {@code wellFormed} for texts already found well-formed.
   */
  private record Readers(ObjectReader checked, ObjectReader wellFormed) {
    static Readers of(JavaType type) {
      return new Readers(Json.mapper().readerFor(type), Json.WELL_FORMED_MAPPER.readerFor(type));
    }
  }

  private static final ConcurrentHashMap<JavaType, Readers> READERS = new ConcurrentHashMap<>();

  private JsonTypes() {}

  /** The Jackson type of a class ({@code ReadAs} keeps it, one per class). */
  public static JavaType of(Class<?> type) {
    return Json.mapper().constructType(type);
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
    ObjectReader reader = READERS.computeIfAbsent(type, Readers::of).checked();
    try (JsonParser parser = Json.mapper().createParser(json)) {
      parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // DuplicateNames does it
      JsonParser checked = new DuplicateNames(parser);
      Object value = reader.readValue(checked);
      // A reader given a parser leaves what follows the value to its caller: the mapper's
      // FAIL_ON_TRAILING_TOKENS, checked here as the mapper itself would.
      JsonToken trailing = checked.nextToken();
      if (trailing != null) {
        throw MismatchedInputException.from(
            checked,
            type,
            "Trailing token (of type "
                + trailing
                + ") found after value (bound as "
                + type.getRawClass().getName()
                + "): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
      }
      return value;
    }
  }

  /**
   * Parses a stored value as {@code type} that an earlier {@link #read} found well-formed (no
   * duplicate key, no trailing text), without checking those again: straight from the bytes, as the
   * fastest Jackson read.
   *
   * @throws IOException if it does not fit the type
   */
  public static Object readWellFormed(byte[] json, JavaType type) throws IOException {
    return READERS.computeIfAbsent(type, Readers::of).wellFormed().readValue(json);
  }
}
