package dev.mpredis.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The keys and values of docs/benchmarks.md, shared by every workload and every client: {@value
 * #KEY_COUNT} keys {@code bench:key:0..9999}, each holding {@link Payload#sample(int)} as JSON
 * text.
 *
 * <p>All members are immutable and thread-safe; the JSON mapper is configured once and never
 * changed (Jackson mappers are thread-safe once configured).
 */
public final class Dataset {

  /** How many keys the workloads use. */
  public static final int KEY_COUNT = 10_000;

  /** The time to live of {@code cache-value} in W1, in seconds. */
  public static final long TTL_SECONDS = 3600;

  /** How many hot keys the near-cache workload (W4) reads and writes. */
  public static final int HOT_COUNT = 100;

  /** How many keys one MSET/MGET of the bulk workload (W2) carries. */
  public static final int BATCH = 1_000;

  /** The one Jackson mapper every client serializes and parses with. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  /** A reader for {@link Payload}, for the clients that call Jackson themselves. */
  public static final ObjectReader READER = MAPPER.readerFor(Payload.class);

  /** A writer for {@link Payload}, for the clients that call Jackson themselves. */
  public static final ObjectWriter WRITER = MAPPER.writerFor(Payload.class);

  private static final List<String> KEYS;
  private static final List<String> HOT_KEYS;
  private static final List<Payload> VALUES;

  static {
    List<String> keys = new ArrayList<>(KEY_COUNT);
    List<Payload> values = new ArrayList<>(KEY_COUNT);
    for (int i = 0; i < KEY_COUNT; i++) {
      keys.add("bench:key:" + i);
      values.add(Payload.sample(i));
    }
    KEYS = Collections.unmodifiableList(keys);
    VALUES = Collections.unmodifiableList(values);
    List<String> hot = new ArrayList<>(HOT_COUNT);
    for (int i = 0; i < HOT_COUNT; i++) {
      hot.add("bench:hot:" + i);
    }
    HOT_KEYS = Collections.unmodifiableList(hot);
  }

  private Dataset() {}

  /** The key number {@code i}, {@code 0 <= i < KEY_COUNT}. */
  public static String key(int i) {
    return KEYS.get(i);
  }

  /** The value stored under key number {@code i}. */
  public static Payload value(int i) {
    return VALUES.get(i);
  }

  /**
   * The hot key number {@code i}, {@code 0 <= i < HOT_COUNT}, of W4: {@code bench:hot:<i>}. It is
   * prefilled with {@link #value(int) value(i)}; W4 then overwrites it with other values of the
   * dataset, so a read can only check that some payload is there.
   */
  public static String hotKey(int i) {
    return HOT_KEYS.get(i);
  }

  /** All hot keys, in order. */
  public static List<String> hotKeys() {
    return HOT_KEYS;
  }

  /** All keys, in order. */
  public static List<String> keys() {
    return KEYS;
  }

  /** The JSON text of {@code value}, as UTF-8 bytes. */
  public static byte[] toJson(Payload value) {
    try {
      return WRITER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("could not serialize " + value, e);
    }
  }

  /** The payload parsed from JSON text, or {@code null} for {@code null} (a missing key). */
  public static Payload fromJson(byte[] json) {
    if (json == null) {
      return null;
    }
    try {
      return READER.readValue(json);
    } catch (IOException e) {
      throw new UncheckedIOException("could not parse a payload of " + json.length + " bytes", e);
    }
  }

  /** All values, in key order. */
  public static List<Payload> values() {
    return VALUES;
  }
}
