package dev.mpredis.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a test server is started with. Immutable; build one with {@link #builder()}.
 *
 * <p>Defaults: the binary of {@link RedisServerBinary#resolve()}, no password, no ACL users, no
 * persistence (no RDB snapshots, no AOF), a start deadline of {@value
 * #DEFAULT_START_TIMEOUT_SECONDS} seconds. On Redis 7 and later, {@code DEBUG} is enabled for fault
 * tests (6.2 allows it anyway).
 */
public final class RedisServerConfig {

  /** How long a server may take to answer its first {@code PING}, in seconds. */
  public static final int DEFAULT_START_TIMEOUT_SECONDS = 15;

  private final RedisServerBinary binary;
  private final String password;
  private final List<AclUser> users;
  private final boolean appendOnly;
  private final Map<String, String> extra;
  private final Duration startTimeout;

  private RedisServerConfig(Builder builder) {
    this.binary = builder.binary != null ? builder.binary : RedisServerBinary.resolve();
    this.password = builder.password;
    this.users = List.copyOf(builder.users);
    this.appendOnly = builder.appendOnly;
    this.extra = Map.copyOf(builder.extra);
    this.startTimeout = builder.startTimeout;
  }

  /** A builder with the defaults of the class documentation. */
  public static Builder builder() {
    return new Builder();
  }

  RedisServerBinary binary() {
    return binary;
  }

  Optional<String> password() {
    return Optional.ofNullable(password);
  }

  List<AclUser> users() {
    return users;
  }

  Duration startTimeout() {
    return startTimeout;
  }

  /** The text of {@code redis.conf} for a server on {@code port} living in {@code directory}. */
  String render(int port, Path directory) {
    StringBuilder conf = new StringBuilder();
    line(conf, "port", Integer.toString(port));
    line(conf, "bind", "127.0.0.1");
    line(conf, "dir", quote(directory.toString()));
    line(conf, "daemonize", "no");
    line(conf, "save", "\"\"");
    line(conf, "appendonly", appendOnly ? "yes" : "no");
    line(conf, "loglevel", "notice");
    if (binary.isAtLeast(7, 0)) {
      line(conf, "enable-debug-command", "yes");
    }
    if (password != null) {
      line(conf, "requirepass", quote(password));
    }
    for (AclUser user : users) {
      conf.append("user ")
          .append(user.name())
          .append(" on ")
          .append(quote(">" + user.password()))
          .append(' ')
          .append(user.rules())
          .append('\n');
    }
    extra.forEach((name, value) -> line(conf, name, value));
    return conf.toString();
  }

  private static void line(StringBuilder conf, String name, String value) {
    conf.append(name).append(' ').append(value).append('\n');
  }

  /** Quotes a value for redis.conf, where double-quoted strings take backslash escapes. */
  static String quote(String value) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        default -> quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  /** Builds a {@link RedisServerConfig}; not thread-safe. */
  public static final class Builder {
    private RedisServerBinary binary;
    private String password;
    private final List<AclUser> users = new ArrayList<>();
    private boolean appendOnly;
    private final Map<String, String> extra = new LinkedHashMap<>();
    private Duration startTimeout = Duration.ofSeconds(DEFAULT_START_TIMEOUT_SECONDS);

    private Builder() {}

    /** Uses this binary instead of {@link RedisServerBinary#resolve()}. */
    public Builder binary(RedisServerBinary binary) {
      this.binary = Objects.requireNonNull(binary, "binary");
      return this;
    }

    /** Requires this password for the default user ({@code requirepass}). */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Adds an ACL user. */
    public Builder user(AclUser user) {
      users.add(Objects.requireNonNull(user, "user"));
      return this;
    }

    /** Turns on the append-only file, so acknowledged writes survive {@link RedisServer#kill()}. */
    public Builder appendOnly(boolean appendOnly) {
      this.appendOnly = appendOnly;
      return this;
    }

    /**
     * Adds a raw configuration directive, written as is (quote values yourself where needed). Mind
     * the version: 6.2 rejects some 7.x directives.
     */
    public Builder directive(String name, String value) {
      extra.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** How long to wait for the first {@code PING} to succeed. */
    public Builder startTimeout(Duration startTimeout) {
      if (startTimeout.isNegative() || startTimeout.isZero()) {
        throw new IllegalArgumentException(
            "startTimeout was set to " + startTimeout + ", must be positive");
      }
      this.startTimeout = startTimeout;
      return this;
    }

    /** The configuration. */
    public RedisServerConfig build() {
      return new RedisServerConfig(this);
    }

    /** Builds the configuration and starts a server with it. */
    public RedisServer start() {
      return RedisServer.start(build());
    }
  }
}
