package dev.mpredis.redis.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.mpredis.redis.CachedValues;
import io.lettuce.core.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of MGET replies for {@code keys} in order, gathered batch by batch: a batch may be
 * decoded on any thread ({@link #part}) and is then added in order ({@link #add(Part)}). So a
 * synchronous bulk read can decode on two threads at once, its own and the I/O thread, while later
 * replies are still being read. Adding is not thread-safe; {@link #part} is.
 */
public final class DecodedValues {

  private static final Object NOT_FOUND = new Object();

  /**
   * One batch's values in order ({@link #NOT_FOUND} for a key that does not exist), or the failure
   * of its first text that could not be decoded: kept, not thrown, so that {@link #add(Part)}
   * throws it on the adding thread whichever thread decoded the batch.
   */
  public record Part(Object[] values, RuntimeException failure) {}

  private final List<String> keys;
  private final JavaType type;
  private final Map<String, Object> values;
  private final List<String> notFound = new ArrayList<>();
  private int next;

  /**
   * For the replies to {@code keys} (no duplicates), each value read as {@code type} ({@code null}:
   * plain JSON data).
   */
  public DecodedValues(List<String> keys, JavaType type) {
    this.keys = keys;
    this.type = type;
    this.values = new LinkedHashMap<>((int) Math.min(Integer.MAX_VALUE, keys.size() * 4L / 3 + 1));
  }

  /** Decodes the replies to the keys from index {@code from} on; any thread may call it. */
  public Part part(int from, List<KeyValue<String, byte[]>> batch) {
    Object[] decoded = new Object[batch.size()];
    try {
      for (int i = 0; i < decoded.length; i++) {
        KeyValue<String, byte[]> reply = batch.get(i);
        decoded[i] =
            reply.hasValue()
                ? JsonValues.decode(keys.get(from + i), reply.getValue(), type)
                : NOT_FOUND;
      }
    } catch (RuntimeException e) { // a ClassifiedFailure, or a bug in a type's deserializer
      return new Part(null, e);
    }
    return new Part(decoded, null);
  }

  /**
   * Decodes the next batch's replies, which answer the next keys in order (as MGET answers).
   *
   * @throws ClassifiedFailure naming the first key whose text is not JSON or does not fit the type
   */
  public void add(List<KeyValue<String, byte[]>> batch) {
    add(part(next, batch));
  }

  /**
   * Adds the next batch, decoded by {@link #part} from the index of its first key.
   *
   * @throws ClassifiedFailure the batch's failure, naming its first key that could not be decoded
   * @throws RuntimeException an unexpected failure of a deserializer, as it was thrown
   */
  public void add(Part part) {
    if (part.failure() != null) {
      throw part.failure();
    }
    for (Object value : part.values()) {
      String key = keys.get(next++);
      if (value == NOT_FOUND) {
        notFound.add(key);
      } else {
        values.put(key, value);
      }
    }
  }

  /** The values found and the keys not found, once every batch is added. */
  public CachedValues<Object> result() {
    return new CachedValues<>(values, notFound);
  }
}
