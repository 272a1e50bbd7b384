package dev.mpredis.redis.internal;

import dev.mpredis.machine.InvalidInputException;
import dev.mpredis.redis.RedisErrorCode;

/** The rules inputs of the Redis machines share, applied in the inputs records' constructors. */
public final class Checks {

  /** Longest accepted key, in characters (Redis allows 512 MB; nobody means that). */
  public static final int MAX_KEY_LENGTH = 64 * 1024;

  /**
   * Longest accepted glob pattern, in characters: patterns are matched recursively by the server,
   * and long ones crash servers without the fix of CVE-2024-31228 (Redis 7.2.6, 7.4.1, 6.2.16).
   */
  public static final int MAX_PATTERN_LENGTH = 1024;

  private Checks() {}

  /**
   * A glob pattern: present, non-empty, at most {@value #MAX_PATTERN_LENGTH} characters and valid
   * Unicode; refused before anything is sent.
   */
  public static String pattern(String input, String pattern) {
    required(input, pattern);
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      throw new InvalidInputException(
          input,
          "is "
              + pattern.length()
              + " characters long, at most "
              + MAX_PATTERN_LENGTH
              + " are allowed (long patterns crash unpatched servers, CVE-2024-31228)");
    }
    String problem = keyProblem(pattern);
    if (problem != null) {
      throw new InvalidInputException(input, problem);
    }
    return pattern;
  }

  /** A whole number input from {@code min} to {@code max}; absent means {@code defaultValue}. */
  public static int range(String input, Integer value, int min, int max, int defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (value < min || value > max) {
      throw new InvalidInputException(
          input, "was set to " + value + ", must be from " + min + " to " + max);
    }
    return value;
  }

  /**
   * A SCAN cursor as the server gave it: decimal digits of an unsigned 64-bit number; absent means
   * {@code "0"} (the start).
   */
  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  public static String scanCursor(String input, String cursor) {
    if (cursor == null) {
      return "0";
    }
    int colon = cursor.indexOf(':'); // a cluster's cursor: <node id>:<that node's cursor>
    if (colon == 40 && cursor.substring(0, colon).chars().allMatch(Checks::isLowerHex)) {
      scanCursor(input, cursor.substring(colon + 1));
      return cursor;
    }
    boolean digits =
        !cursor.isEmpty()
            && cursor.length() <= 20
            && cursor.chars().allMatch(c -> c >= '0' && c <= '9');
    if (digits) {
      try {
        Long.parseUnsignedLong(cursor);
        return cursor;
      } catch (NumberFormatException e) {
        // too large: refused below
      }
    }
    throw new InvalidInputException(
        input,
        "was set to "
            + Text.quote(cursor)
            + ", must be a cursor a previous call returned (an unsigned 64-bit decimal number, on a"
            + " cluster with the node id and ':' in front)");
  }

  /**
   * A key: present, non-empty, at most {@value #MAX_KEY_LENGTH} characters, and valid Unicode (an
   * unpaired surrogate cannot be encoded as UTF-8, so it would silently become another key).
   */
  public static String key(String input, String key) {
    if (key == null) {
      throw new InvalidInputException(input, "is required");
    }
    String problem = keyProblem(key);
    if (problem != null) {
      throw new InvalidInputException(input, problem);
    }
    return key;
  }

  /** What is wrong with {@code key}, or {@code null} if nothing is. */
  public static String keyProblem(String key) {
    if (key == null) {
      return "is null";
    }
    if (key.isEmpty()) {
      return "must not be empty";
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return "is " + key.length() + " characters long, at most " + MAX_KEY_LENGTH + " are allowed";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < key.length()
          && Character.isLowSurrogate(key.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired surrogate at index " + i + ", which UTF-8 cannot encode";
      }
    }
    return null;
  }

  /**
   * The first problem of a list of keys, as the report of an {@code invalidKeys} exit (naming the
   * index), or {@code null} when every key is fine.
   */
  public static dev.mpredis.machine.MachineError keysProblem(java.util.List<String> keys) {
    for (int i = 0; i < keys.size(); i++) {
      String problem = keyProblem(keys.get(i));
      if (problem != null) {
        return dev.mpredis.machine.MachineError.of(
            dev.mpredis.redis.RedisErrorCode.INVALID_INPUT, "keys[" + i + "] " + problem);
      }
    }
    return null;
  }

  /**
   * An unmodifiable copy of the map given as {@code input}, in its order, whose keys must be
   * strings (the dynamic face may pass any map).
   *
   * @throws dev.mpredis.machine.InvalidInputException naming the input if it is missing or has a
   *     key that is not a string
   */
  public static java.util.Map<String, Object> stringKeyedCopy(
      String input, java.util.Map<String, Object> map) {
    required(input, map);
    for (Object key : map.keySet()) {
      if (key != null && !(key instanceof String)) {
        throw new dev.mpredis.machine.InvalidInputException(
            input, "must have string keys, has a " + key.getClass().getSimpleName());
      }
    }
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
  }

  /**
   * An unmodifiable copy of the key list given as {@code input}; null keys are kept, so that the
   * machine can exit {@code invalidKeys} naming their place.
   *
   * @throws dev.mpredis.machine.InvalidInputException if the list is missing
   */
  public static java.util.List<String> keyListCopy(String input, java.util.List<String> keys) {
    return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(required(input, keys)));
  }

  /** Why the keys of the map given as {@code input} cannot be used, or {@code null}. */
  public static dev.mpredis.machine.MachineError mapKeysProblem(
      String input, java.util.Collection<String> keys) {
    for (String key : keys) {
      String problem = keyProblem(key);
      if (problem != null) {
        return dev.mpredis.machine.MachineError.of(
            RedisErrorCode.INVALID_INPUT, input + " has a key that " + problem);
      }
    }
    return null;
  }

  /**
   * Longest time to live, in seconds: 100 years of 365 days. Far beyond any cache entry's life, and
   * far below what Redis refuses ({@code SET ... EX} refuses seconds whose milliseconds, added to
   * the current time, overflow a 64-bit integer: about 292 million years).
   */
  public static final long MAX_TTL_SECONDS = 100L * 365 * 24 * 60 * 60;

  /**
   * A time to live in seconds: absent means 0 (no expiry); negative or above {@value
   * #MAX_TTL_SECONDS} is refused.
   */
  public static long ttl(String input, Long ttl) {
    if (ttl == null) {
      return 0;
    }
    if (ttl < 0 || ttl > MAX_TTL_SECONDS) {
      throw new InvalidInputException(
          input,
          "was set to "
              + ttl
              + ", must be 0 (no expiry) or from 1 to "
              + MAX_TTL_SECONDS
              + " seconds (100 years)");
    }
    return ttl;
  }

  /** A timeout in milliseconds: positive, at most ten minutes. */
  public static long timeout(String input, Long timeout, long defaultValue) {
    if (timeout == null) {
      return defaultValue;
    }
    if (timeout < 1 || timeout > 600_000) {
      throw new InvalidInputException(
          input, "was set to " + timeout + ", must be from 1 to 600000 milliseconds");
    }
    return timeout;
  }

  /**
   * A duration for an input counted in whole seconds (a typed face's {@code ttl}): {@code null}
   * stays {@code null} (the input's default). A fraction of a second is refused, never rounded; the
   * range is the input's own rule.
   */
  public static Long seconds(String input, java.time.Duration duration) {
    if (duration == null) {
      return null;
    }
    if (duration.getNano() != 0) {
      throw new InvalidInputException(
          input, "was set to " + duration + ", must be a whole number of seconds");
    }
    return duration.getSeconds();
  }

  /**
   * A duration for an input counted in whole milliseconds (a typed face's {@code timeout}): {@code
   * null} stays {@code null} (the input's default). A fraction of a millisecond is refused, never
   * rounded; the range is the input's own rule.
   */
  public static Long millis(String input, java.time.Duration duration) {
    if (duration == null) {
      return null;
    }
    if (duration.getNano() % 1_000_000 != 0) {
      throw new InvalidInputException(
          input, "was set to " + duration + ", must be a whole number of milliseconds");
    }
    try {
      return duration.toMillis();
    } catch (ArithmeticException e) {
      throw new InvalidInputException(
          input, "was set to " + duration + ", far beyond the longest timeout");
    }
  }

  /** A required reference input. */
  public static <T> T required(String input, T value) {
    if (value == null) {
      throw new InvalidInputException(input, "is required");
    }
    return value;
  }
}
