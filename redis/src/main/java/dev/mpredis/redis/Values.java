package dev.mpredis.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpredis.redis.internal.Json;

/**
 * The JSON rules of cached values, for code that reads or writes values the way the pack does (a
 * command line that parses a value before {@code cache-value}, a tool that prints what {@code
 * get-cached-value} returned).
 *
 * <p>The rules: a value is stored as its JSON text, a string with its quotes ({@code
 * JSON.stringify} of the JavaScript original); no default typing ever (the text names no Java
 * class); trailing text after a value and duplicate object keys are rejected; {@code NaN} and the
 * infinities cannot be written; lambdas and other synthetic classes are refused rather than written
 * as {@code {}}; Jackson's read limits apply.
 *
 * <p>Thread-safe and stateless. Each call to {@link #jsonMapper()} returns a new mapper, so
 * configuring it changes nothing in the pack.
 */
public final class Values {

  private Values() {}

  /**
   * A new Jackson mapper with the pack's rules for values: parse with {@code readValue(text,
   * Object.class)} to get plain data (maps, lists, strings, numbers, booleans, null), write with
   * {@code writeValueAsString}. Create it once and keep it; it is a copy, so reconfiguring it
   * affects only the copy.
   */
  public static ObjectMapper jsonMapper() {
    return Json.mapper().copy();
  }
}
