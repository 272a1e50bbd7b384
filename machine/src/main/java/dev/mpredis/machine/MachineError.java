package dev.mpredis.machine;

import java.util.Objects;
import java.util.Optional;

/**
 * The report of an exit that did not succeed: a stable {@link #code()} to switch on, a message for
 * humans, and the underlying cause when there is one. Messages never contain secrets.
 *
 * <p>Immutable and thread-safe.
 */
public final class MachineError {

  private final ErrorCode code;
  private final String message;
  private final Throwable cause;

  private MachineError(ErrorCode code, String message, Throwable cause) {
    this.code = Objects.requireNonNull(code, "code");
    this.message = Objects.requireNonNull(message, "message");
    this.cause = cause;
  }

  /** An error with a code and a message. */
  public static MachineError of(ErrorCode code, String message) {
    return new MachineError(code, message, null);
  }

  /** An error with a code, a message and the cause it classifies. */
  public static MachineError of(ErrorCode code, String message, Throwable cause) {
    return new MachineError(code, message, cause);
  }

  /** The stable classification. */
  public ErrorCode code() {
    return code;
  }

  /** What happened, for humans. */
  public String message() {
    return message;
  }

  /** The underlying failure, if any. */
  public Optional<Throwable> cause() {
    return Optional.ofNullable(cause);
  }

  /** An exception carrying this error, for callers who prefer to throw. */
  public MachineException toException(String exitName) {
    return new MachineException(exitName, this);
  }

  @Override
  public String toString() {
    return code.name() + ": " + message;
  }
}
