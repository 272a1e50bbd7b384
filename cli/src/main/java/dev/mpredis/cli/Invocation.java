package dev.mpredis.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of the command sees of its process: environment variables and standard input (given
 * explicitly so tests run commands in-process), and the {@link Redaction} of the run, which every
 * printed line goes through. One instance per command line.
 */
final class Invocation {

  /** The environment variable naming the connection string when {@code --url} is not given. */
  static final String REDIS_URL = "REDIS_URL";

  private final Map<String, String> environment;
  private final InputStream stdin;
  private final Redaction redaction = new Redaction();

  Invocation(Map<String, String> environment, InputStream stdin) {
    this.environment = Map.copyOf(environment);
    this.stdin = Objects.requireNonNull(stdin, "stdin");
  }

  /** The process's own environment and standard input. */
  static Invocation ofProcess() {
    return new Invocation(System.getenv(), System.in);
  }

  /** An environment variable, if set (an empty value counts as not set). */
  Optional<String> variable(String name) {
    String value = environment.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  InputStream stdin() {
    return stdin;
  }

  Redaction redaction() {
    return redaction;
  }
}
