package dev.mpredis.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JavaType;
import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.RedisErrorCode;
import java.io.IOException;

/** Cached values to and from their stored JSON, with failures classified and naming the key. */
public final class JsonValues {

  private JsonValues() {}

  /**
   * The JSON text of the value stored under {@code key}, given as the input named {@code input}.
   *
   * @throws ClassifiedFailure with INVALID_INPUT if the value breaks one of the limits of {@link
   *     Json} (nothing is sent), or VALUE_NOT_SERIALIZABLE if it cannot be written as JSON
   */
  public static byte[] encode(String input, String key, Object value) {
    return encode(input, key, value, Json.MAX_BYTES);
  }

  /**
   * Every value of the map given as {@code input} as JSON, in order, keyed by the key it is stored
   * under ({@code storedKey} of its key); all or nothing.
   *
   * @throws ClassifiedFailure as {@link #encode(String, String, Object)}, for the first value that
   *     cannot be written
   */
  public static java.util.Map<String, byte[]> encodeAll(
      String input,
      java.util.Map<String, Object> values,
      java.util.function.UnaryOperator<String> storedKey) {
    java.util.Map<String, byte[]> encoded = new java.util.LinkedHashMap<>(roomFor(values.size()));
    for (java.util.Map.Entry<String, Object> entry : values.entrySet()) {
      encoded.put(storedKey.apply(entry.getKey()), encode(input, entry.getKey(), entry.getValue()));
    }
    return encoded;
  }

  /** The initial capacity that holds {@code n} entries without resizing (load factor 0.75). */
  private static int roomFor(int n) {
    return (int) Math.min(Integer.MAX_VALUE, n * 4L / 3 + 1);
  }

  /**
   * The values of MGET replies, sent in batches for {@code keys} in order: the values found and the
   * keys not found.
   *
   * @throws ClassifiedFailure naming the first key whose text is not JSON or does not fit {@code
   *     type}
   */
  public static dev.mpredis.redis.CachedValues<Object> decodeAll(
      java.util.List<String> keys,
      java.util.List<java.util.List<io.lettuce.core.KeyValue<String, byte[]>>> batches,
      JavaType type) {
    DecodedValues decoded = new DecodedValues(keys, type);
    for (java.util.List<io.lettuce.core.KeyValue<String, byte[]>> batch : batches) {
      decoded.add(batch);
    }
    return decoded.result();
  }

  /**
   * As {@link #encode(String, String, Object)}, with a cap on the JSON text smaller than {@link
   * Json#MAX_BYTES} (for tests).
   */
  public static byte[] encode(String input, String key, Object value, int maxBytes) {
    try {
      return Json.write(value, maxBytes);
    } catch (Json.LimitExceededException e) {
      throw new ClassifiedFailure(
          MachineError.of(
              RedisErrorCode.INVALID_INPUT,
              "input '"
                  + input
                  + "' "
                  + (input.equals("value") ? "" : "value of key " + Text.quote(key) + " ")
                  + e.getOriginalMessage(),
              e));
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
   * @throws ClassifiedFailure with VALUE_NOT_JSON (also for a text beyond the read limits of {@link
   *     Json}), or VALUE_NOT_CONVERTIBLE when valid JSON does not fit {@code type}
   */
  public static Object decode(String key, byte[] json, JavaType type) {
    return decode(key, json, type, false);
  }

  /**
   * As {@link #decode(String, byte[], JavaType)}, for a near-cache copy: once a read found its text
   * well-formed, later reads skip the duplicate-key and trailing-text checks.
   */
  public static Object decode(String key, NearCopy copy, JavaType type) {
    boolean wellFormed = copy.isWellFormed();
    Object value = decode(key, copy.json, type, wellFormed);
    if (!wellFormed) {
      copy.wellFormed();
    }
    return value;
  }

  private static Object decode(String key, byte[] json, JavaType type, boolean wellFormed) {
    if (json.length > Json.MAX_BYTES) {
      throw beyondLimits(
          key,
          "it is " + json.length + " bytes long, at most " + Json.MAX_BYTES + " are read",
          null);
    }
    try {
      JavaType as = type == null ? Json.PLAIN : type;
      return wellFormed ? JsonTypes.readWellFormed(json, as) : JsonTypes.read(json, as);
    } catch (IOException e) {
      StreamConstraintsException limit = constraint(e);
      if (limit != null) {
        throw beyondLimits(key, limit.getOriginalMessage(), e);
      }
      if (e instanceof DatabindException && type != null) {
        // Binding to a type reports bad syntax, trailing text or a limit as "does not fit" too:
        // read it as plain JSON, which throws VALUE_NOT_JSON naming the problem if it is one.
        decode(key, json, null);
        throw new ClassifiedFailure(
            MachineError.of(
                RedisErrorCode.VALUE_NOT_CONVERTIBLE,
                "the value of key " + Text.quote(key) + " does not fit " + type.toCanonical(),
                e));
      }
      // trailing text, duplicate keys, not JSON at all: not JSON we accept
      throw new ClassifiedFailure(
          MachineError.of(
              RedisErrorCode.VALUE_NOT_JSON,
              "the value of key " + Text.quote(key) + " is not valid JSON",
              e));
    }
  }

  private static StreamConstraintsException constraint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamConstraintsException limit) {
        return limit;
      }
    }
    return null;
  }

  private static ClassifiedFailure beyondLimits(String key, String why, Throwable cause) {
    return new ClassifiedFailure(
        MachineError.of(
            RedisErrorCode.VALUE_NOT_JSON,
            "the value of key " + Text.quote(key) + " is beyond the read limits: " + why,
            cause));
  }
}
