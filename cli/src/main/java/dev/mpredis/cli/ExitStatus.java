package dev.mpredis.cli;

import dev.mpredis.machine.Exit;
import dev.mpredis.redis.RedisErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process exit status of the {@code mp-redis} command, one per class of machine exit. The table
 * here is the one {@code --help}, {@code man} and the README show.
 */
final class ExitStatus {

  /** The machine took its {@code success} exit. */
  static final int SUCCESS = 0;

  /** The {@code error} exit (unexpected failure, server failure), or a failure of the command. */
  static final int ERROR = 1;

  /** The {@code notFound} exit. */
  static final int NOT_FOUND = 2;

  /** The {@code failed} or {@code badConnection} exit: no connection, refused, rejected. */
  static final int FAILED = 3;

  /**
   * Invalid input: a usage error of the command (unknown machine or option, an input that is not
   * JSON), the {@code malformed} or {@code invalidKeys} exit, or the {@code error} exit with {@code
   * INVALID_INPUT}.
   */
  static final int INVALID = 4;

  /** Any other exit a machine may declare (none of the current machines has one). */
  static final int OTHER_EXIT = 5;

  private ExitStatus() {}

  /** The status for the exit a machine took. */
  static int of(Exit<?> exit) {
    return switch (exit.exitName()) {
      case "success" -> SUCCESS;
      case "notFound" -> NOT_FOUND;
      case "failed", "badConnection" -> FAILED;
      case "malformed", "invalidKeys" -> INVALID;
      case "error" -> isInvalidInput(exit) ? INVALID : ERROR;
      default -> OTHER_EXIT;
    };
  }

  /** The status for an exit by its name only (for the reference pages). */
  static int ofName(String exitName) {
    return switch (exitName) {
      case "success" -> SUCCESS;
      case "notFound" -> NOT_FOUND;
      case "failed", "badConnection" -> FAILED;
      case "malformed", "invalidKeys" -> INVALID;
      case "error" -> ERROR;
      default -> OTHER_EXIT;
    };
  }

  private static boolean isInvalidInput(Exit<?> exit) {
    return exit instanceof Exit.Failed failed
        && failed.error() != null
        && failed.error().code() == RedisErrorCode.INVALID_INPUT;
  }

  /** The table for picocli's usage help: status to description. */
  static Map<String, String> table() {
    Map<String, String> table = new LinkedHashMap<>();
    table.put(" " + SUCCESS, "success");
    table.put(" " + ERROR, "error exit (unexpected or server failure), or the command failed");
    table.put(" " + NOT_FOUND, "notFound");
    table.put(" " + FAILED, "failed or badConnection (cannot connect, refused, rejected)");
    table.put(
        " " + INVALID,
        "invalid input: usage error, malformed, invalidKeys, or error with INVALID_INPUT");
    table.put(" " + OTHER_EXIT, "any other exit a machine declares");
    return table;
  }
}
