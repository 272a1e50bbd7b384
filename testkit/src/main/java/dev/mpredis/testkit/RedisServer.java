package dev.mpredis.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * A real {@code redis-server} process started for a test: a free port on 127.0.0.1, its own
 * temporary directory, no persistence unless asked, readiness checked with {@code PING} under a
 * deadline, its log kept in its directory.
 *
 * <p>With {@link RedisServerConfig.Builder#tls(boolean)} it listens with TLS only, with
 * certificates generated into its directory ({@link #tls()}), presenting a valid, an expired or a
 * wrong-host certificate ({@link RedisServerConfig.Builder#tlsCertificate}); with {@link
 * RedisServerConfig.Builder#unixSocket()} it listens on a unix socket only ({@link #socketPath()}).
 * The kit's own administration ({@link #command}) follows. {@link #endpoints()} tells a test how to
 * connect either way.
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
public final class RedisServer implements RedisTopology {

  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
  private static final int PORT_ATTEMPTS = 5;

  private volatile RedisServerConfig config;
  private final Path directory;
  private final int port;
  private ServerProcess process;
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
    return start(config, FreePorts::any);
  }

  /** Starts a server on a port from {@code ports}, asking for another when the port was taken. */
  static RedisServer start(RedisServerConfig config, IntSupplier ports) {
    Path directory = ServerDirectory.create(config);
    IllegalStateException last = null;
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      RedisServer server = new RedisServer(config, directory, ports.getAsInt());
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

  private synchronized void launch() {
    Path configFile = directory.resolve("redis.conf");
    try {
      Files.writeString(configFile, config.render(port, directory), StandardCharsets.UTF_8);
      process = ServerProcess.start(config, directory, configFile, ServerLog.file(directory));
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + config.binary(), e);
    }
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
        "redis-server "
            + label()
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

  /**
   * The TCP port (the TLS port for a TLS server). It stays the same across {@link #restart()}.
   *
   * @throws IllegalStateException if the server listens only on a unix socket
   */
  public int port() {
    if (config.unixSocket() && !config.tls()) {
      throw new IllegalStateException(
          "the server listens only on the unix socket " + socketPath().orElseThrow());
    }
    return port;
  }

  /**
   * A connection string without credentials: {@code redis://127.0.0.1:<port>}, {@code
   * rediss://127.0.0.1:<port>} for TLS, {@code redis-socket://<path>} for a unix socket only.
   */
  public String uri() {
    return endpoints().uri();
  }

  /** The unix domain socket, if the server listens on one. */
  public Optional<Path> socketPath() {
    return config.unixSocket()
        ? Optional.of(RedisServerConfig.socketPath(directory))
        : Optional.empty();
  }

  /**
   * The generated certificates and keys of a TLS server.
   *
   * @throws IllegalStateException if the server was not started with TLS
   */
  public TlsMaterial tls() {
    return tlsMaterial()
        .orElseThrow(() -> new IllegalStateException("server " + label() + " has no TLS"));
  }

  private Optional<TlsMaterial> tlsMaterial() {
    return config.tls()
        ? Optional.of(TlsMaterial.existing(RedisServerConfig.tlsDirectory(directory)))
        : Optional.empty();
  }

  @Override
  public RedisEndpoints endpoints() {
    Optional<RedisEndpoints.Address> address =
        config.unixSocket() && !config.tls()
            ? Optional.empty()
            : Optional.of(new RedisEndpoints.Address(host(), port));
    return RedisEndpoints.server(address, socketPath(), tlsMaterial(), config.password());
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
    try (RespClient client = adminClient()) {
      if (config.password().isPresent()) {
        client.command("AUTH", config.password().get());
      }
      return client.command(args);
    }
  }

  private RespClient adminClient() throws IOException {
    if (config.unixSocket()) {
      return RespClient.connect(socketPath().orElseThrow(), ADMIN_TIMEOUT);
    }
    if (config.tls()) {
      return RespClient.connectTls(
          host(), port, tls().adminContext(config.tlsCertificate()), ADMIN_TIMEOUT);
    }
    return RespClient.connect(host(), port, ADMIN_TIMEOUT);
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
      process.awaitExit();
    }
  }

  /** Kills the server with SIGKILL (a crash), then waits for the process to end. */
  public synchronized void kill() {
    requireProcess();
    killProcess();
  }

  private void killProcess() {
    if (process != null) {
      process.kill();
    }
  }

  /** Starts the server again on the same port and directory, stopping it first if it runs. */
  public synchronized void restart() {
    restart(config);
  }

  /** Like {@link #restart()}, with another configuration from now on (same port and directory). */
  synchronized void restart(RedisServerConfig newConfig) {
    if (isRunning()) {
      stop();
    }
    config = newConfig;
    launch();
  }

  RedisServerConfig config() {
    return config;
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
    process.signal(name);
  }

  private void requireProcess() {
    if (closed || process == null) {
      throw new IllegalStateException("server " + label() + " is closed");
    }
  }

  /** Everything the server has logged so far (empty once the server is closed). */
  public String log() {
    return ServerLog.read(directory);
  }

  @Override
  public String logTails() {
    return logTail();
  }

  String logTail() {
    return ServerLog.tail(directory, label());
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

  /** Names the server in messages: its port, or its socket. */
  String label() {
    return config.unixSocket() && !config.tls()
        ? "on socket " + RedisServerConfig.socketPath(directory)
        : (config.sentinel() ? "sentinel on port " : "on port ") + port;
  }

  @Override
  public String toString() {
    return "RedisServer[" + uri() + ", " + config.binary().version() + "]";
  }
}
