package dev.mpredis.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The JVM-wide list of server processes and directories the kit owns, so that a JVM exit (even
 * after a crashed test) leaves none of them behind. This is the one piece of static state in the
 * kit: a shutdown hook needs a place to look.
 */
final class LiveProcesses {

  private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
  private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(LiveProcesses::reapAll, "mp-redis-testkit-reaper"));
  }

  private LiveProcesses() {}

  static void register(Process process) {
    PROCESSES.add(process);
  }

  static void unregister(Process process) {
    PROCESSES.remove(process);
  }

  static void registerDirectory(Path directory) {
    DIRECTORIES.add(directory);
  }

  static void deleteDirectory(Path directory) {
    deleteRecursively(directory);
    DIRECTORIES.remove(directory);
  }

  /** How many processes and directories the kit owns right now: {@code [processes, dirs]}. */
  static int[] counts() {
    return new int[] {PROCESSES.size(), DIRECTORIES.size()};
  }

  private static void reapAll() {
    for (Process process : PROCESSES) {
      process.destroyForcibly();
    }
    for (Process process : PROCESSES) {
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    DIRECTORIES.forEach(LiveProcesses::deleteRecursively);
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // A file still held open by a dying process; the rest is deleted regardless.
                }
              });
    } catch (IOException e) {
      // The directory vanished while walking it: nothing left to delete.
    }
  }
}
