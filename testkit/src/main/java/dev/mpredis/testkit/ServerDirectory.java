package dev.mpredis.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates a {@link RedisServer}'s temporary directory, with what its configuration points at. */
final class ServerDirectory {

  /** Linux's {@code sun_path} holds 108 bytes, the terminating NUL included. */
  private static final int MAX_SOCKET_PATH_BYTES = 107;

  private ServerDirectory() {}

  /**
   * A new directory registered for deletion at JVM exit, with TLS material generated into it when
   * {@code config} asks for TLS.
   *
   * @throws IllegalStateException if the unix socket path in it would be too long; the directory is
   *     deleted again
   */
  static Path create(RedisServerConfig config) {
    Path directory = createDirectory();
    try {
      prepare(config, directory);
      return directory;
    } catch (RuntimeException e) {
      LiveProcesses.deleteDirectory(directory);
      throw e;
    }
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

  private static void prepare(RedisServerConfig config, Path directory) {
    if (config.tls()) {
      TlsMaterial.generate(RedisServerConfig.tlsDirectory(directory));
    }
    if (config.unixSocket()) {
      Path socket = RedisServerConfig.socketPath(directory);
      int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
      if (length > MAX_SOCKET_PATH_BYTES) {
        throw new IllegalStateException(
            "unix socket path "
                + socket
                + " is "
                + length
                + " bytes, must be at most "
                + MAX_SOCKET_PATH_BYTES
                + ": set java.io.tmpdir to a shorter directory");
      }
    }
  }
}
