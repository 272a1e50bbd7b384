package dev.mpredis.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One {@code redis-server} operating-system process: started, signalled, killed, awaited. */
final class ServerProcess {

  private final Process process;

  private ServerProcess(Process process) {
    this.process = process;
  }

  /**
   * Starts {@code config}'s binary on {@code configFile} in {@code directory}, its output appended
   * to {@code log}, and registers it to be killed at JVM exit.
   */
  static ServerProcess start(RedisServerConfig config, Path directory, Path configFile, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(config.binary().path().toString());
    command.add(configFile.toString());
    if (config.sentinel()) {
      command.add("--sentinel");
    }
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    LiveProcesses.register(process);
    return new ServerProcess(process);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  /** Sends SIG{@code name} with {@code kill}: Java offers no SIGSTOP or SIGCONT of its own. */
  void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run kill -" + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + name, e);
    }
  }

  /** Kills the process with SIGKILL and waits for it to end. */
  void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** Waits for the process to end, killing it after 10 seconds, and forgets it. */
  void awaitExit() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      LiveProcesses.unregister(process);
    }
  }
}
