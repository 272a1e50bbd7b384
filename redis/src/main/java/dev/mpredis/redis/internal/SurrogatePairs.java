package dev.mpredis.redis.internal;

/**
 * Writes each escaped surrogate pair of a JSON text ({@code \ud83d\ude00}) as the UTF-8 of its code
 * point, leaving a lone surrogate escaped. This is what {@code JsonWriteFeature
 * .COMBINE_UNICODE_SURROGATES_IN_UTF8} does from Jackson 2.21 on; Jackson 2.19 and 2.20 (Spring
 * Boot 3.5 manages 2.19) also combine a lone high surrogate with the character after it, storing
 * another code point. On those, {@link Json} writes every surrogate escaped and this pass makes the
 * text the same as a newer Jackson writes, so the stored bytes never depend on the version.
 */
final class SurrogatePairs {
  private SurrogatePairs() {}

  /** {@code json} with its escaped surrogate pairs as UTF-8; {@code json} itself if it has none. */
  static byte[] combine(byte[] json) {
    int first = firstPair(json);
    if (first < 0) {
      return json;
    }
    byte[] out = new byte[json.length];
    System.arraycopy(json, 0, out, 0, first);
    int length = first;
    int i = first;
    while (i < json.length) {
      if (json[i] != '\\') {
        out[length++] = json[i++];
      } else if (isPairAt(json, i)) {
        int codePoint = Character.toCodePoint((char) hex(json, i + 2), (char) hex(json, i + 8));
        out[length++] = (byte) (0xF0 | (codePoint >> 18));
        out[length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
        out[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        out[length++] = (byte) (0x80 | (codePoint & 0x3F));
        i += 12;
      } else { // any other escape, copied whole so an escaped backslash is never read as a start
        out[length++] = json[i++];
        out[length++] = json[i++];
      }
    }
    return java.util.Arrays.copyOf(out, length);
  }

  private static int firstPair(byte[] json) {
    for (int i = 0; i < json.length; i++) {
      if (json[i] == '\\') {
        if (isPairAt(json, i)) {
          return i;
        }
        i++; // skip the escaped character
      }
    }
    return -1;
  }

  /** Whether {@code json} holds {@code \}{@code uD8xx\}{@code uDCxx} (any case) at {@code i}. */
  private static boolean isPairAt(byte[] json, int i) {
    if (i + 12 > json.length || json[i + 1] != 'u' || json[i + 6] != '\\' || json[i + 7] != 'u') {
      return false;
    }
    int high = hex(json, i + 2);
    int low = hex(json, i + 8);
    return Character.isHighSurrogate((char) high) && Character.isLowSurrogate((char) low);
  }

  /** The four hex digits at {@code at} as a number, or -1 if they are not four hex digits. */
  private static int hex(byte[] json, int at) {
    int value = 0;
    for (int i = at; i < at + 4; i++) {
      int digit = Character.digit(json[i], 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }
}
