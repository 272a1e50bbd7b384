package dev.mpredis.redis;

/** The documentation texts many machines' exits share, written once. */
final class ExitTexts {

  /** When a machine exits {@code badConnection}. */
  static final String BAD_CONNECTION =
      "The connection was released, its manager destroyed, or it is not a connection.";

  /** An example report of {@code badConnection}. */
  static final String BAD_CONNECTION_EXAMPLE = "CONNECTION_RELEASED: connection #3 was released";

  /** When a machine without server failures of its own exits {@code error}. */
  static final String ERROR = "Unexpected failure, or inputs that break the contract.";

  private ExitTexts() {}
}
