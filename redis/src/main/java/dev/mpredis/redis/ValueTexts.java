package dev.mpredis.redis;

/**
 * Description fragments that the reading machines share, written once (annotation values must be
 * constants, so they cannot come from the runtime).
 */
final class ValueTexts {

  /** What the readers accept and how numbers come back. */
  static final String READ_LIMITS =
      "Whatever cache-value writes can be read; a text written by someone else beyond the same"
          + " limits (more than 536870912 bytes, nesting deeper than 1000, a number longer than"
          + " 1000 digits, an object key longer than 50000 characters) exits error with"
          + " VALUE_NOT_JSON naming the key and the limit. Integers come back as Integer, Long or"
          + " BigInteger (the smallest that fits), other numbers as Double (read as BigDecimal to"
          + " keep every digit; beyond the double range, as 1e400, Infinity).";

  private ValueTexts() {}
}
