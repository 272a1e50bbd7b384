package dev.mpredis.testkit;

/** The kit's one mask for secrets in {@code toString} and messages: fixed, whatever the length. */
final class Secrets {

  static final String MASK = "****";

  private Secrets() {}
}
