package dev.mpredis.redis.internal;

/**
 * A connection string that cannot be used. The message names the part and the rule, and never
 * contains the password (nor the whole string, which may contain it).
 */
public final class MalformedConnectionStringException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public MalformedConnectionStringException(String message) {
    super(message);
  }
}
