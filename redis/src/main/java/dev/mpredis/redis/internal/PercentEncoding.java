package dev.mpredis.redis.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of connection-string parts (RFC 3986), as UTF-8. Decoding never quotes the text
 * in a message: it may be a password.
 */
final class PercentEncoding {

  private PercentEncoding() {}

  /** Percent-decodes {@code text} as UTF-8; never quotes it in a message (it may be secret). */
  static String decode(String text, String part) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()
            || Character.digit(text.charAt(i + 1), 16) < 0
            || Character.digit(text.charAt(i + 2), 16) < 0) {
          throw new MalformedConnectionStringException(
              part
                  + " has an invalid percent-encoding (each % must be followed by two hex digits)");
        }
        bytes.write(
            Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else {
        int end = text.indexOf('%', i);
        end = end < 0 ? text.length() : end;
        bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8)); // whole pairs
        i = end - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedConnectionStringException(part + " is not valid UTF-8 once decoded");
    }
  }

  /** Percent-encodes everything but RFC 3986's unreserved characters. */
  static String encode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        encoded.append((char) c);
      } else {
        encoded
            .append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }
}
