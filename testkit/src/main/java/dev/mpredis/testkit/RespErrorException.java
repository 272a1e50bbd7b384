package dev.mpredis.testkit;

import java.io.IOException;

/** An error reply from the server (for example {@code WRONGPASS invalid username-password}). */
public final class RespErrorException extends IOException {

  private static final long serialVersionUID = 1L;

  RespErrorException(String message) {
    super(message);
  }

  /** The error prefix (first word), for example {@code NOAUTH}. */
  public String prefix() {
    String message = getMessage();
    int space = message.indexOf(' ');
    return space < 0 ? message : message.substring(0, space);
  }
}
