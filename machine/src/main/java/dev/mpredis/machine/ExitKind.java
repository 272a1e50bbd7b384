package dev.mpredis.machine;

/**
 * What kind of outcome an exit is, for callers that treat many machines alike (a command line maps
 * kinds to process statuses, a driver to its own errors). Every exit has exactly one kind: the kind
 * its {@link ExitDoc#kind()} declares, else the kind of its name (see {@link #ofName}).
 */
public enum ExitKind {
  /** The machine did what was asked. Exactly the exit records marked {@link Exit.Successful}. */
  SUCCESS,
  /** What was asked for does not exist. */
  NOT_FOUND,
  /** The operation could not be done: the other side could not be reached, refused or rejected. */
  FAILED,
  /** The connection given is not one the machine can use (released, closed, not a connection). */
  BAD_CONNECTION,
  /** An input breaks a rule the machine checks itself; nothing was changed. */
  INVALID_INPUT,
  /**
   * The implicit {@code error} exit: an unexpected failure, or inputs that break the contract (its
   * report's code then says {@link StandardErrorCode#INVALID_INPUT}).
   */
  ERROR,
  /** Any other outcome a machine declares. */
  OTHER;

  /**
   * The kind of an exit that declares none, by its name: {@code success}, {@code notFound}, {@code
   * badConnection}, {@code failed} and {@code error} have the kind of the same name; every other
   * name is {@link #OTHER}.
   */
  public static ExitKind ofName(String exitName) {
    return switch (exitName) {
      case "success" -> SUCCESS;
      case "notFound" -> NOT_FOUND;
      case "badConnection" -> BAD_CONNECTION;
      case "failed" -> FAILED;
      case ExitRecords.ERROR_EXIT -> ERROR;
      default -> OTHER;
    };
  }
}
