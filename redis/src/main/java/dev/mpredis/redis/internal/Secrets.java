package dev.mpredis.redis.internal;

/** The one masking function for secrets in every {@code toString}, log line and message. */
public final class Secrets {

  /** What a secret looks like when printed: fixed, so it tells nothing, not even the length. */
  public static final String MASK = "****";

  private Secrets() {}
}
