package dev.mpredis.machine;

/**
 * Error codes of the machine runtime itself. A pack with codes of its own gives each a namesake in
 * its enum and hands the translation to {@link Machine#Machine(Class, Class,
 * java.util.function.Function)}, so its machines' errors all carry the pack's type.
 */
public enum StandardErrorCode implements ErrorCode {
  /** An input is missing, of the wrong type, unknown, or breaks the input's rule. */
  INVALID_INPUT("An input is missing, of the wrong type, unknown, or breaks its rule."),
  /** The machine did not finish within the deadline of its synchronous face. */
  TIMED_OUT("The machine did not finish within its deadline."),
  /** Anything else: a bug, or a failure nobody classified. The cause says more. */
  UNEXPECTED("An unexpected failure; the cause says more.");

  private final String description;

  StandardErrorCode(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }
}
