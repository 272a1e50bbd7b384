package dev.mpredis.cli;

import dev.mpredis.redis.ConnectionString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where to connect: {@code --url}, {@code --url-file}, {@code REDIS_URL}, else {@value
 * #DEFAULT_URL}; the password may come from {@code --password-env} instead of the URL, so that it
 * never needs to be on the command line.
 */
final class ConnectionOptions {

  /** Where the command connects when nothing else is given. */
  static final String DEFAULT_URL = "redis://127.0.0.1:6379";

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Connection string, for example redis://127.0.0.1:6379/0 (default: $REDIS_URL, else"
              + " "
              + DEFAULT_URL
              + "). A password here is visible to other users of the machine: prefer REDIS_URL,"
              + " --url-file or --password-env (a warning is printed).")
  String url;

  @Option(
      names = "--url-file",
      paramLabel = "FILE",
      description = "Read the connection string from the first line of FILE ('-': standard input).")
  String urlFile;

  @Option(
      names = "--password-env",
      paramLabel = "VARIABLE",
      description =
          "Take the password from environment variable VARIABLE and add it to the connection"
              + " string (which must not have one).")
  String passwordEnv;

  /** A connection string and where it came from (never with its password). */
  record Resolved(String url, String source) {}

  /** Whether the user named a server (option, file or REDIS_URL), as opposed to the default. */
  boolean isGiven(Invocation invocation) {
    return url != null || urlFile != null || invocation.variable(Invocation.REDIS_URL).isPresent();
  }

  /**
   * The connection string to use, with its secrets registered for redaction; warns on {@code err}
   * when a password was given on the command line.
   *
   * @throws UsageException if the options contradict each other or a file or variable is missing
   */
  Resolved resolve(Invocation invocation, PrintWriter err) {
    if (url != null && urlFile != null) {
      throw new UsageException("--url and --url-file cannot be used together");
    }
    Redaction redaction = invocation.redaction();
    String chosen;
    String source;
    if (url != null) {
      redaction.addUrl(url);
      if (Redaction.hasPassword(url)) {
        warnPasswordOnCommandLine(err, "--url");
      }
      chosen = url;
      source = "--url";
    } else if (urlFile != null) {
      chosen = readUrlFile(invocation);
      source = "--url-file";
    } else {
      Optional<String> fromEnvironment = invocation.variable(Invocation.REDIS_URL);
      chosen = fromEnvironment.orElse(DEFAULT_URL);
      source = fromEnvironment.isPresent() ? Invocation.REDIS_URL : "default";
    }
    redaction.addUrl(chosen);
    if (passwordEnv != null) {
      String password =
          invocation
              .variable(passwordEnv)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "--password-env names " + passwordEnv + ", which is not set or empty"));
      redaction.addSecret(password);
      chosen = withPassword(chosen, password);
      redaction.addUrl(chosen);
    }
    return new Resolved(chosen, source);
  }

  /** {@code url} with {@code password} for the data nodes, through {@link ConnectionString}. */
  private static String withPassword(String url, String password) {
    ConnectionString parsed;
    try {
      parsed = ConnectionString.parse(url);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--password-env cannot be used: " + e.getMessage());
    }
    if (parsed.password().isPresent()) {
      throw new UsageException(
          "--password-env cannot be used: the connection string has a password already");
    }
    return parsed.toBuilder().password(password).build().format();
  }

  private String readUrlFile(Invocation invocation) {
    try {
      BufferedReader reader =
          "-".equals(urlFile)
              ? new BufferedReader(
                  new InputStreamReader(invocation.stdin(), StandardCharsets.UTF_8))
              : Files.newBufferedReader(Path.of(urlFile), StandardCharsets.UTF_8);
      String line;
      try {
        line = reader.readLine();
      } finally {
        if (!"-".equals(urlFile)) {
          reader.close();
        }
      }
      if (line == null || line.isBlank()) {
        throw new UsageException("--url-file " + urlFile + " has no connection string");
      }
      String read = line.strip();
      invocation.redaction().addUrl(read);
      return read;
    } catch (IOException e) {
      throw new UsageException(
          "--url-file " + urlFile + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The warning redis-cli prints for {@code -a}, for an argument that holds a password. */
  static void warnPasswordOnCommandLine(PrintWriter err, String where) {
    err.println(
        "mp-redis: warning: a password given with "
            + where
            + " on the command line can be seen by other users of this machine (ps, /proc);"
            + " use REDIS_URL, --url-file or --password-env (--input-env for inputs) instead.");
    err.flush();
  }
}
