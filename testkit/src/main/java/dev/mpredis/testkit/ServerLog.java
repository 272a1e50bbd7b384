package dev.mpredis.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a {@link RedisServer}'s log file: all of it, or its last lines for a failure message. */
final class ServerLog {

  private static final int TAIL_LINES = 40;

  private ServerLog() {}

  /** The file the server's output goes to, in its {@code directory}. */
  static Path file(Path directory) {
    return directory.resolve("redis.log");
  }

  /** Everything logged so far; empty when there is no log (yet, or any more). */
  static String read(Path directory) {
    Path file = file(directory);
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      // The log only decorates a message; an unreadable one must not hide the real failure.
      return "(log unreadable: " + e + ")";
    }
  }

  /** The last lines of the log, framed and named by {@code label} for a failure message. */
  static String tail(Path directory, String label) {
    String[] lines = read(directory).split("\n");
    int from = Math.max(0, lines.length - TAIL_LINES);
    StringBuilder tail = new StringBuilder("\n--- redis-server log (" + label + ") ---\n");
    for (int i = from; i < lines.length; i++) {
      tail.append(lines[i]).append('\n');
    }
    return tail.append("--- end of log ---").toString();
  }
}
