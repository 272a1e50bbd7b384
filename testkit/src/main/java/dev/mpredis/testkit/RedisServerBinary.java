package dev.mpredis.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code redis-server} executable and its version.
 *
 * <p>{@link #resolve()} looks, in order, at the {@code REDIS_SERVER} environment variable, at
 * {@code redis-server} on the {@code PATH}, and finally at the binary shipped inside the Maven
 * artifact {@code com.github.codemonstur:embedded-redis} (Redis 6.2), which it extracts once into a
 * cache directory ({@code $XDG_CACHE_HOME/mp-redis} or {@code ~/.cache/mp-redis}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RedisServerBinary {

  /** The environment variable that names the binary to use. */
  public static final String ENV_VARIABLE = "REDIS_SERVER";

  private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)\\.(\\d+)");
  private static volatile RedisServerBinary resolved;

  private final Path path;
  private final String source;
  private final int major;
  private final int minor;
  private final int patch;

  private RedisServerBinary(Path path, String source, int major, int minor, int patch) {
    this.path = path;
    this.source = source;
    this.major = major;
    this.minor = minor;
    this.patch = patch;
  }

  /**
   * Finds the binary to use (see the class documentation); the result is computed once per JVM and
   * reported on standard error.
   *
   * @throws IllegalStateException if {@code REDIS_SERVER} names a file that is not executable, or
   *     no binary is available for this operating system and architecture
   */
  public static RedisServerBinary resolve() {
    RedisServerBinary binary = resolved;
    if (binary == null) {
      synchronized (RedisServerBinary.class) {
        binary = resolved;
        if (binary == null) {
          binary = find();
          System.err.printf(
              "mp-redis testkit: using redis-server %s from %s (%s)%n",
              binary.version(), binary.source, binary.path);
          resolved = binary;
        }
      }
    }
    return binary;
  }

  /**
   * Describes the given executable, reading its version with {@code --version}.
   *
   * @throws IllegalStateException if the file is not an executable redis-server
   */
  public static RedisServerBinary of(Path executable) {
    return inspect(executable, "explicit path");
  }

  private static RedisServerBinary find() {
    String fromEnv = System.getenv(ENV_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path path = Path.of(fromEnv);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException(
            ENV_VARIABLE + " is set to '" + fromEnv + "', which is not an executable file");
      }
      return inspect(path, "$" + ENV_VARIABLE);
    }
    Optional<Path> onPath = findOnPath("redis-server");
    if (onPath.isPresent()) {
      return inspect(onPath.get(), "PATH");
    }
    return inspect(extractEmbedded(), "embedded-redis");
  }

  private static Optional<Path> findOnPath(String name) {
    String pathVariable = Objects.requireNonNullElse(System.getenv("PATH"), "");
    for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String embeddedResourceName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    boolean arm = arch.equals("aarch64") || arch.equals("arm64");
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    if (os.contains("linux") && x64) {
      return "redis-server-6.2.6-v5-linux-amd64";
    } else if (os.contains("linux") && arm) {
      return "redis-server-6.2.7-linux-arm64";
    } else if (os.contains("mac") && x64) {
      return "redis-server-6.2.6-v5-darwin-amd64";
    } else if (os.contains("mac") && arm) {
      return "redis-server-6.2.6-v5-darwin-arm64";
    }
    throw new IllegalStateException(
        "no bundled redis-server for os.name="
            + os
            + " os.arch="
            + arch
            + "; install redis-server on the PATH or set "
            + ENV_VARIABLE);
  }

  private static Path extractEmbedded() {
    String name = embeddedResourceName();
    Path cacheDir = cacheDirectory();
    Path target = cacheDir.resolve(name);
    if (Files.isExecutable(target)) {
      return target;
    }
    // Through the class loader: on the module path Class.getResourceAsStream would look only in
    // this module, and the binary is a resource of embedded-redis (at its root, so unencapsulated).
    try (InputStream in = RedisServerBinary.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource /"
                + name
                + " not found: is com.github.codemonstur:embedded-redis on the"
                + " classpath?");
      }
      Files.createDirectories(cacheDir);
      // Write to a private temporary name, then move: concurrent JVMs never see half a binary.
      Path temp = Files.createTempFile(cacheDir, name, ".part");
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new IllegalStateException("could not extract " + name + " into " + cacheDir, e);
    }
  }

  private static Path cacheDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("mp-redis");
  }

  private static RedisServerBinary inspect(Path path, String source) {
    try {
      Process process =
          new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
      String output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(path + " --version did not finish within 10 s");
      }
      Matcher m = VERSION.matcher(output);
      if (!m.find()) {
        throw new IllegalStateException(
            path + " does not look like redis-server: --version printed '" + output + "'");
      }
      return new RedisServerBinary(
          path,
          source,
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + path + " --version", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + path + " --version", e);
    }
  }

  /** The executable. */
  public Path path() {
    return path;
  }

  /** Where it was found: {@code $REDIS_SERVER}, {@code PATH}, {@code embedded-redis}, ... */
  public String source() {
    return source;
  }

  /** The version, as {@code major.minor.patch}. */
  public String version() {
    return major + "." + minor + "." + patch;
  }

  /** The major version (6 for the bundled binary). */
  public int majorVersion() {
    return major;
  }

  /** Whether this binary is at least the given version. */
  public boolean isAtLeast(int major, int minor) {
    return this.major > major || (this.major == major && this.minor >= minor);
  }

  @Override
  public String toString() {
    return "redis-server " + version() + " (" + source + ": " + path + ")";
  }
}
