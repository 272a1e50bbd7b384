package dev.mpredis.machine;

/**
 * An input breaks its rule. Thrown by inputs records' constructors; every face turns it into the
 * {@code error} exit with code {@link StandardErrorCode#INVALID_INPUT}.
 */
public final class InvalidInputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String input;

  /** {@code input} is the input's name; {@code problem} says what is wrong with it. */
  public InvalidInputException(String input, String problem) {
    super("input '" + input + "' " + problem);
    this.input = input;
  }

  /** The name of the offending input. */
  public String input() {
    return input;
  }
}
