package dev.mpredis.redis.internal;

/** Quoting of user-supplied text in messages: escaped, so no text can forge a line or a color. */
public final class Text {

  private static final int MAX_QUOTED = 100;

  private Text() {}

  /**
   * {@code 'text'} with control characters and quotes escaped, cut at {@value #MAX_QUOTED}
   * characters.
   */
  public static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder quoted = new StringBuilder("'");
    int limit = Math.min(text.length(), MAX_QUOTED);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        case '\'' -> quoted.append("\\'");
        case '\\' -> quoted.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    if (text.length() > MAX_QUOTED) {
      quoted.append("...(").append(text.length()).append(" chars)");
    }
    return quoted.append('\'').toString();
  }
}
