package dev.mpredis.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process started for a test: a free port on 127.0.0.1, its own
 * temporary directory, no persistence unless asked, readiness checked with {@code PING} under a
 * deadline, its log kept in its directory.
 *
 * <p>Fault controls: {@link #stop()}, {@link #kill()}, {@link #restart()} (same port, same
 * directory), {@link #pause()} and {@link #resume()} (SIGSTOP/SIGCONT: the kernel still accepts
 * connections, but nothing answers).
 *
 * <p>{@link #close()} kills the process and deletes the directory; a JVM shutdown hook does the
 * same for servers a crashed test never closed. Methods are safe to call from several threads,
 * though tests rarely need to.
 *
 * <pre>{@code
 * try (RedisServer server = RedisServer.builder().password("s3cret").start()) {
 *   String url = server.uri(); // redis://127.0.0.1:<port>
 *   server.command("SET", "k", "v");
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
  private static final int PORT_ATTEMPTS = 5;

  private final RedisServerConfig config;
  private final Path directory;
  private final int port;
  private Process process;
  private boolean closed;

  private RedisServer(RedisServerConfig config, Path directory, int port) {
    this.config = config;
    this.directory = directory;
    this.port = port;
  }

  /** A builder for a server with the given options. */
  public static RedisServerConfig.Builder builder() {
    return RedisServerConfig.builder();
  }

  /** Starts a plain server: no password, no persistence. */
  public static RedisServer startPlain() {
    return start(RedisServerConfig.builder().build());
  }

  /**
   * Starts a server with the given configuration and waits until it answers {@code PING}.
   *
   * @throws IllegalStateException if the server does not start within the configured deadline; the
   *     message includes the server's log
   */
  public static RedisServer start(RedisServerConfig config) {
    Path directory = createDirectory();
    IllegalStateException last = null;
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      RedisServer server = new RedisServer(config, directory, freePort());
      try {
        server.launch();
        return server;
      } catch (IllegalStateException e) {
        // Another process may have taken the free port between our probe and redis's bind.
        last = e;
        server.killProcess();
        if (!server.log().contains("Address already in use")) {
          break;
        }
      }
    }
    LiveProcesses.deleteDirectory(directory);
    throw last;
  }

  private static Path createDirectory() {
    try {
      Path directory = Files.createTempDirectory("mp-redis-testkit-");
      LiveProcesses.registerDirectory(directory);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary directory", e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free port", e);
    }
  }

  private synchronized void launch() {
    Path configFile = directory.resolve("redis.conf");
    try {
      Files.writeString(configFile, config.render(port, directory), StandardCharsets.UTF_8);
      Path log = logFile();
      process =
          new ProcessBuilder(config.binary().path().toString(), configFile.toString())
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + config.binary(), e);
    }
    LiveProcesses.register(process);
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + config.startTimeout().toNanos();
    Exception lastFailure = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited with status "
                + process.exitValue()
                + " while starting"
                + logTail());
      }
      try {
        if ("PONG".equals(command("PING"))) {
          return;
        }
      } catch (IOException e) {
        lastFailure = e; // not listening yet, or still loading
      }
      Waits.pause(Duration.ofMillis(10));
    }
    throw new IllegalStateException(
        "redis-server on port "
            + port
            + " did not answer PING within "
            + config.startTimeout().toMillis()
            + " ms (last failure: "
            + lastFailure
            + ")"
            + logTail());
  }

  /** The host the server listens on: always {@code 127.0.0.1}. */
  public String host() {
    return "127.0.0.1";
  }

  /** The TCP port. It stays the same across {@link #restart()}. */
  public int port() {
    return port;
  }

  /** A connection string without credentials: {@code redis://127.0.0.1:<port>}. */
  public String uri() {
    return "redis://" + host() + ":" + port;
  }

  /** The password of the default user, if the server requires one. */
  public Optional<String> password() {
    return config.password();
  }

  /** The ACL users the server was started with. */
  public List<AclUser> users() {
    return config.users();
  }

  /** The server's own temporary directory (config, log, data files). */
  public Path directory() {
    return directory;
  }

  /** The binary this server runs. */
  public RedisServerBinary binary() {
    return config.binary();
  }

  /** The process id, while a process exists. */
  public synchronized long pid() {
    requireProcess();
    return process.pid();
  }

  /** Whether the process is alive (a paused process is alive). */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Runs one command as the default user (authenticating first when the server has a password) over
   * a fresh connection, and returns the reply (see {@link RespClient} for the mapping).
   *
   * @throws RespErrorException if the server answers with an error
   * @throws IOException if the server cannot be reached within 5 seconds
   */
  public Object command(String... args) throws IOException {
    try (RespClient client = RespClient.connect(host(), port, ADMIN_TIMEOUT)) {
      if (config.password().isPresent()) {
        client.command("AUTH", config.password().get());
      }
      return client.command(args);
    }
  }

  /** Stops the server gracefully ({@code SHUTDOWN NOSAVE}), then waits for the process to end. */
  public synchronized void stop() {
    requireProcess();
    if (process.isAlive()) {
      try {
        command("SHUTDOWN", "NOSAVE");
      } catch (IOException expected) {
        // The server closes the connection instead of replying: that is the normal outcome.
      }
      awaitExit();
    }
  }

  /** Kills the server with SIGKILL (a crash), then waits for the process to end. */
  public synchronized void kill() {
    requireProcess();
    killProcess();
  }

  private void killProcess() {
    if (process != null) {
      process.destroyForcibly();
      awaitExit();
    }
  }

  /** Starts the server again on the same port and directory, stopping it first if it runs. */
  public synchronized void restart() {
    if (isRunning()) {
      stop();
    }
    launch();
  }

  /** Freezes the server process (SIGSTOP): connections are accepted, nothing is answered. */
  public synchronized void pause() {
    signal("STOP");
  }

  /** Lets a paused server run again (SIGCONT). */
  public synchronized void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    requireProcess();
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

  private void awaitExit() {
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

  private void requireProcess() {
    if (closed || process == null) {
      throw new IllegalStateException("server on port " + port + " is closed");
    }
  }

  private Path logFile() {
    return directory.resolve("redis.log");
  }

  /** Everything the server has logged so far (empty once the server is closed). */
  public String log() {
    try {
      return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  String logTail() {
    String log = log();
    String[] lines = log.split("\n");
    int from = Math.max(0, lines.length - 40);
    StringBuilder tail = new StringBuilder("\n--- redis-server log (port " + port + ") ---\n");
    for (int i = from; i < lines.length; i++) {
      tail.append(lines[i]).append('\n');
    }
    return tail.append("--- end of log ---").toString();
  }

  /** Kills the process (if any) and deletes the directory. Calling it again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    killProcess();
    LiveProcesses.deleteDirectory(directory);
  }

  @Override
  public String toString() {
    return "RedisServer[" + uri() + ", " + config.binary().version() + "]";
  }
}
