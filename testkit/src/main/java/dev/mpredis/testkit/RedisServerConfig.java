package dev.mpredis.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
  private final List<String> lines;
  private final Duration startTimeout;
  private final Boolean tlsClientCertificateRequired;
  private final TlsServerCertificate tlsCertificate;
  private final boolean unixSocket;
  private final boolean sentinel;

  private RedisServerConfig(Builder builder) {
    this.binary = builder.binary != null ? builder.binary : RedisServerBinary.resolve();
    this.password = builder.password;
    this.users = List.copyOf(builder.users);
    this.appendOnly = builder.appendOnly;
    this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extra));
    this.lines = List.copyOf(builder.lines);
    this.startTimeout = builder.startTimeout;
    this.tlsClientCertificateRequired = builder.tlsClientCertificateRequired;
    this.tlsCertificate = builder.tlsCertificate;
    this.unixSocket = builder.unixSocket;
    this.sentinel = builder.sentinel;
  }

  /** A builder holding this configuration, to derive another from it. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.binary = binary;
    builder.password = password;
    builder.users.addAll(users);
    builder.appendOnly = appendOnly;
    builder.extra.putAll(extra);
    builder.lines.addAll(lines);
    builder.startTimeout = startTimeout;
    builder.tlsClientCertificateRequired = tlsClientCertificateRequired;
    builder.tlsCertificate = tlsCertificate;
    builder.unixSocket = unixSocket;
    builder.sentinel = sentinel;
    return builder;
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

  boolean tls() {
    return tlsClientCertificateRequired != null;
  }

  boolean tlsClientCertificateRequired() {
    return Boolean.TRUE.equals(tlsClientCertificateRequired);
  }

  TlsServerCertificate tlsCertificate() {
    return tlsCertificate;
  }

  boolean unixSocket() {
    return unixSocket;
  }

  boolean sentinel() {
    return sentinel;
  }

  /** Where the TLS material of a server living in {@code directory} is generated. */
  static Path tlsDirectory(Path directory) {
    return directory.resolve("tls");
  }

  /** The unix socket of a server living in {@code directory}. */
  static Path socketPath(Path directory) {
    return directory.resolve("redis.sock");
  }

  /** The text of {@code redis.conf} for a server on {@code port} living in {@code directory}. */
  String render(int port, Path directory) {
    StringBuilder conf = new StringBuilder();
    line(conf, "port", tls() || unixSocket ? "0" : Integer.toString(port));
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
    if (tls()) {
      Path tls = tlsDirectory(directory);
      line(conf, "tls-port", Integer.toString(port));
      line(conf, "tls-cert-file", quote(tls.resolve(tlsCertificate.fileName()).toString()));
      line(conf, "tls-key-file", quote(tls.resolve("server.key").toString()));
      line(conf, "tls-ca-cert-file", quote(tls.resolve("ca.crt").toString()));
      line(conf, "tls-auth-clients", tlsClientCertificateRequired() ? "yes" : "no");
    }
    if (unixSocket) {
      line(conf, "unixsocket", quote(socketPath(directory).toString()));
      line(conf, "unixsocketperm", "700");
    }
    extra.forEach((name, value) -> line(conf, name, value));
    lines.forEach(raw -> conf.append(raw).append('\n'));
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
    private final List<String> lines = new ArrayList<>();
    private Duration startTimeout = Duration.ofSeconds(DEFAULT_START_TIMEOUT_SECONDS);
    private Boolean tlsClientCertificateRequired;
    private TlsServerCertificate tlsCertificate = TlsServerCertificate.VALID;
    private boolean unixSocket;
    private boolean sentinel;

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

    /**
     * Listens with TLS only ({@code port 0}, {@code tls-port}), with a CA, server and client
     * certificates generated into the server's directory (see {@link TlsMaterial} and {@link
     * RedisServer#tls()}).
     *
     * @param clientCertificateRequired whether clients must present a certificate signed by the CA
     *     ({@code tls-auth-clients yes}); otherwise none is asked for ({@code no})
     */
    public Builder tls(boolean clientCertificateRequired) {
      this.tlsClientCertificateRequired = clientCertificateRequired;
      return this;
    }

    /**
     * Presents this server certificate instead of the valid one, to test how clients refuse it:
     * {@link TlsServerCertificate#EXPIRED} or {@link TlsServerCertificate#WRONG_HOST}. Both are
     * signed by the material's good CA, so trusting {@link TlsMaterial#caCertificate()} is not
     * enough to connect. Needs {@link #tls(boolean)}; the kit's own administration ({@link
     * RedisServer#command}) trusts exactly the presented certificate, so it keeps working.
     *
     * <pre>{@code
     * RedisServer.builder().tls(false).tlsCertificate(TlsServerCertificate.EXPIRED).start();
     * }</pre>
     */
    public Builder tlsCertificate(TlsServerCertificate certificate) {
      this.tlsCertificate = Objects.requireNonNull(certificate, "certificate");
      return this;
    }

    /**
     * Listens on a unix domain socket in the server's directory ({@code unixsocket}, {@code
     * unixsocketperm 700}) and on no TCP port ({@code port 0}); see {@link
     * RedisServer#socketPath()}.
     */
    public Builder unixSocket() {
      this.unixSocket = true;
      return this;
    }

    /** Runs the process as a Sentinel ({@code --sentinel}); used by {@link SentinelTopology}. */
    Builder sentinel() {
      this.sentinel = true;
      return this;
    }

    /** Appends a raw line, for directives that repeat (such as {@code sentinel ...}). */
    Builder line(String raw) {
      lines.add(Objects.requireNonNull(raw, "raw"));
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

    /**
     * The configuration.
     *
     * @throws IllegalStateException if a faulty {@link #tlsCertificate} was asked for without
     *     {@link #tls(boolean)}
     */
    public RedisServerConfig build() {
      if (tlsCertificate != TlsServerCertificate.VALID && tlsClientCertificateRequired == null) {
        throw new IllegalStateException(
            "tlsCertificate was set to "
                + tlsCertificate
                + ", which needs a TLS server: call tls(boolean) too");
      }
      return new RedisServerConfig(this);
    }

    /**
     * Builds the configuration and starts a server with it.
     *
     * @throws IllegalStateException as {@link #build()} does, or if the server does not start
     */
    public RedisServer start() {
      return RedisServer.start(build());
    }
  }
}
