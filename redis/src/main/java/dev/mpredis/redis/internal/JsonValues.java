package dev.mpredis.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JavaType;
import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.RedisErrorCode;
import java.io.IOException;

/** Cached values to and from their stored JSON, with failures classified and naming the key. */
public final class JsonValues {

  private JsonValues() {}

  /**
   * The JSON text of the value stored under {@code key}.
   *
   * @throws ClassifiedFailure with VALUE_NOT_SERIALIZABLE if the value cannot be written as JSON
   */
  public static byte[] encode(String key, Object value) {
    try {
      return Json.write(value);
    } catch (JsonProcessingException e) {
      throw new ClassifiedFailure(
          MachineError.of(
              RedisErrorCode.VALUE_NOT_SERIALIZABLE,
              "the value for key "
                  + Text.quote(key)
                  + " cannot be written as JSON: "
                  + e.getOriginalMessage(),
              e));
    }
  }

  /**
   * The value stored under {@code key}: plain JSON data when {@code type} is null, else bound to
   * {@code type}.
   *
   * @throws ClassifiedFailure with VALUE_NOT_JSON, or VALUE_NOT_CONVERTIBLE when valid JSON does
   *     not fit {@code type}
   */
  public static Object decode(String key, byte[] json, JavaType type) {
    try {
      return type == null ? Json.read(json) : Json.read(json, type);
    } catch (DatabindException e) {
      if (type == null) {
        throw notJson(key, e); // trailing text, duplicate keys: not JSON we accept
      }
      throw new ClassifiedFailure(
          MachineError.of(
              RedisErrorCode.VALUE_NOT_CONVERTIBLE,
              "the value of key " + Text.quote(key) + " does not fit " + type.toCanonical(),
              e));
    } catch (IOException e) {
      throw notJson(key, e);
    }
  }

  private static ClassifiedFailure notJson(String key, IOException e) {
    return new ClassifiedFailure(
        MachineError.of(
            RedisErrorCode.VALUE_NOT_JSON,
            "the value of key " + Text.quote(key) + " is not valid JSON",
            e));
  }
}
