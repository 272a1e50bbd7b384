package dev.mpredis.cli;

/**
 * Bad use of the command (an option value, an input that is not JSON...): the command prints the
 * message and exits with {@link ExitStatus#INVALID}. Messages never quote a secret.
 */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
