package dev.mpredis.redis;

import dev.mpredis.redis.internal.ConnectionStrings;
import dev.mpredis.redis.internal.MalformedConnectionStringException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, checked connection string: where the manager connects (one server, a unix socket, a
 * Sentinel group or a Cluster) and how. Immutable and thread-safe; {@link #toString()} masks every
 * password, {@link #format()} writes the usable string with them.
 *
 * <pre>{@code
 * ConnectionString url = ConnectionString.parse("redis-sentinel://s1:26379,s2:26379/0#mymaster");
 * ConnectionString longer = url.toBuilder().commandTimeout(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * <p>The grammar and every option are in {@code docs/connection-strings.md}.
 */
public final class ConnectionString {

  /** Default host: {@value}. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default port of a server: {@value}. */
  public static final int DEFAULT_PORT = 6379;

  /** Default port of a sentinel: {@value}. */
  public static final int DEFAULT_SENTINEL_PORT = 26379;

  /** Default connect timeout: 10 seconds (Lettuce's socket default). */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default command timeout: 5 seconds (Lettuce's own default is a minute). */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  /** What the connection string points at. */
  public enum Deployment {
    /** One server over TCP or TLS: {@code redis://}, {@code rediss://}. */
    STANDALONE,
    /** One server on a unix domain socket: {@code redis-socket://}. */
    SOCKET,
    /** The master a Sentinel group names: {@code redis-sentinel://}, {@code rediss-sentinel://}. */
    SENTINEL,
    /**
     * A Redis Cluster, found from seed nodes: {@code redis-cluster://}, {@code rediss-cluster://}.
     */
    CLUSTER
  }

  /** How TLS checks the server's certificate. */
  public enum VerifyPeer {
    /** The chain must lead to a trusted CA and the certificate must name the host (default). */
    FULL,
    /** The chain must lead to a trusted CA; the host name is not checked. */
    CA,
    /** Nothing is checked: encryption without authentication. */
    NONE
  }

  /**
   * A host and port.
   *
   * @param host a host name or address (IPv6 without brackets)
   * @param port the TCP port, 1 to 65535
   */
  public record Node(String host, int port) {

    /** Checks the parts. */
    public Node {
      Objects.requireNonNull(host, "host");
      if (host.isEmpty()) {
        throw new IllegalArgumentException("host must not be empty");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be from 1 to 65535");
      }
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    @Override
    public String toString() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  private final Deployment deployment;
  private final boolean tls;
  private final List<Node> nodes;
  private final String socket;
  private final String masterName;
  private final int database;
  private final String username;
  private final String password;
  private final String sentinelPassword;
  private final Duration connectTimeout;
  private final Duration commandTimeout;
  private final String clientName;
  private final Integer protocol;
  private final VerifyPeer verifyPeer;
  private final String caFile;
  private final String certFile;
  private final String keyFile;
  private final String namespace;
  private final boolean trackLeases;

  private ConnectionString(Builder b) {
    this.deployment = b.deployment;
    this.tls = b.tls;
    this.nodes = List.copyOf(b.nodes);
    this.socket = b.socket;
    this.masterName = b.masterName;
    this.database = b.database;
    this.username = b.username;
    this.password = b.password;
    this.sentinelPassword = b.sentinelPassword;
    this.connectTimeout = b.connectTimeout;
    this.commandTimeout = b.commandTimeout;
    this.clientName = b.clientName;
    this.protocol = b.protocol;
    this.verifyPeer = b.verifyPeer;
    this.caFile = b.caFile;
    this.certFile = b.certFile;
    this.keyFile = b.keyFile;
    this.namespace = b.namespace;
    this.trackLeases = b.trackLeases;
  }

  /**
   * Parses a connection string.
   *
   * @throws IllegalArgumentException naming the part that is wrong and the rule; the message quotes
   *     nothing of the string, which may hold a password
   */
  public static ConnectionString parse(String text) {
    return ConnectionStrings.parse(text);
  }

  /** A builder for {@code redis://127.0.0.1:6379} with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding everything this connection string says. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** What it points at. */
  public Deployment deployment() {
    return deployment;
  }

  /** Whether connections use TLS. */
  public boolean tls() {
    return tls;
  }

  /**
   * The nodes: the one server ({@link Deployment#STANDALONE}), the sentinels ({@link
   * Deployment#SENTINEL}) or the cluster's seed nodes ({@link Deployment#CLUSTER}); empty for a
   * socket.
   */
  public List<Node> nodes() {
    return nodes;
  }

  /** The unix socket's path, for {@link Deployment#SOCKET}. */
  public Optional<String> socket() {
    return Optional.ofNullable(socket);
  }

  /** The name of the master the sentinels watch, for {@link Deployment#SENTINEL}. */
  public Optional<String> masterName() {
    return Optional.ofNullable(masterName);
  }

  /** The database index (always 0 on a cluster). */
  public int database() {
    return database;
  }

  /** The ACL user of the data nodes, when not the default user. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The password of the data nodes. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** The sentinels' own password, when they have one. */
  public Optional<String> sentinelPassword() {
    return Optional.ofNullable(sentinelPassword);
  }

  /** How long a connection may take to be ready. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How long a command may wait for its reply. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  /** The name set with {@code CLIENT SETNAME}. */
  public Optional<String> clientName() {
    return Optional.ofNullable(clientName);
  }

  /** The RESP version (2 or 3); empty to let the client negotiate. */
  public Optional<Integer> protocol() {
    return Optional.ofNullable(protocol);
  }

  /** How TLS checks the server's certificate. */
  public VerifyPeer verifyPeer() {
    return verifyPeer;
  }

  /** A PEM file of CA certificates to trust instead of the JVM's trust store. */
  public Optional<String> caFile() {
    return Optional.ofNullable(caFile);
  }

  /** A PEM client certificate chain, for servers that require client certificates. */
  public Optional<String> certFile() {
    return Optional.ofNullable(certFile);
  }

  /** The PEM (PKCS#8) private key of {@link #certFile()}. */
  public Optional<String> keyFile() {
    return Optional.ofNullable(keyFile);
  }

  /** The prefix of every key the manager touches, separator included. */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** Whether leases remember the stack trace where they were acquired. */
  public boolean trackLeases() {
    return trackLeases;
  }

  /**
   * Where it points, without credentials or options, for messages: {@code 127.0.0.1:6379}, {@code
   * /tmp/redis.sock}, {@code mymaster via s1:26379,s2:26379}, {@code cluster of a:7000,b:7001}.
   */
  public String target() {
    return switch (deployment) {
      case STANDALONE -> nodes.get(0).toString();
      case SOCKET -> socket;
      case SENTINEL -> masterName + " via " + joinedNodes();
      case CLUSTER -> "cluster of " + joinedNodes();
    };
  }

  private String joinedNodes() {
    StringBuilder text = new StringBuilder();
    for (Node node : nodes) {
      text.append(text.length() == 0 ? "" : ",").append(node);
    }
    return text.toString();
  }

  /** The connection string with its passwords, which {@link #parse(String)} reads back equal. */
  public String format() {
    return ConnectionStrings.format(this, false);
  }

  /** The connection string with every password replaced by {@code ****}. */
  @Override
  public String toString() {
    return ConnectionStrings.format(this, true);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConnectionString that && format().equals(that.format());
  }

  @Override
  public int hashCode() {
    return format().hashCode();
  }

  private static MalformedConnectionStringException malformed(String message) {
    return new MalformedConnectionStringException(message);
  }

  /**
   * Builds a {@link ConnectionString}; {@link #build()} applies the same checks as {@link
   * ConnectionString#parse(String)}. Not thread-safe.
   */
  public static final class Builder {
    private Deployment deployment = Deployment.STANDALONE;
    private boolean tls;
    private List<Node> nodes = List.of(new Node(DEFAULT_HOST, DEFAULT_PORT));
    private String socket;
    private String masterName;
    private int database;
    private String username;
    private String password;
    private String sentinelPassword;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private String clientName;
    private Integer protocol;
    private VerifyPeer verifyPeer = VerifyPeer.FULL;
    private String caFile;
    private String certFile;
    private String keyFile;
    private String namespace;
    private boolean trackLeases;

    private Builder() {}

    private Builder(ConnectionString c) {
      deployment = c.deployment;
      tls = c.tls;
      nodes = c.nodes;
      socket = c.socket;
      masterName = c.masterName;
      database = c.database;
      username = c.username;
      password = c.password;
      sentinelPassword = c.sentinelPassword;
      connectTimeout = c.connectTimeout;
      commandTimeout = c.commandTimeout;
      clientName = c.clientName;
      protocol = c.protocol;
      verifyPeer = c.verifyPeer;
      caFile = c.caFile;
      certFile = c.certFile;
      keyFile = c.keyFile;
      namespace = c.namespace;
      trackLeases = c.trackLeases;
    }

    /** One server at {@code host:port}. */
    public Builder standalone(String host, int port) {
      deployment = Deployment.STANDALONE;
      nodes = List.of(new Node(host, port));
      socket = null;
      masterName = null;
      return this;
    }

    /** One server on the unix socket at {@code path}. */
    public Builder socket(String path) {
      deployment = Deployment.SOCKET;
      nodes = List.of();
      socket = Objects.requireNonNull(path, "path");
      masterName = null;
      return this;
    }

    /** The master named {@code masterName} by the given sentinels. */
    public Builder sentinel(String masterName, List<Node> sentinels) {
      deployment = Deployment.SENTINEL;
      nodes = List.copyOf(sentinels);
      socket = null;
      this.masterName = Objects.requireNonNull(masterName, "masterName");
      return this;
    }

    /** A cluster found from the given seed nodes. */
    public Builder cluster(List<Node> seeds) {
      deployment = Deployment.CLUSTER;
      nodes = List.copyOf(seeds);
      socket = null;
      masterName = null;
      return this;
    }

    /** Whether to use TLS. */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** The database index. */
    public Builder database(int database) {
      this.database = database;
      return this;
    }

    /** The ACL user name ({@code null}: the default user). */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** The data nodes' password ({@code null}: none). */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** The sentinels' own password ({@code null}: none). */
    public Builder sentinelPassword(String sentinelPassword) {
      this.sentinelPassword = sentinelPassword;
      return this;
    }

    /** How long a connection may take to be ready. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long a command may wait for its reply. */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
      return this;
    }

    /** The name set with {@code CLIENT SETNAME} ({@code null}: none). */
    public Builder clientName(String clientName) {
      this.clientName = clientName;
      return this;
    }

    /** The RESP version, 2 or 3 ({@code null}: negotiate). */
    public Builder protocol(Integer protocol) {
      this.protocol = protocol;
      return this;
    }

    /** How TLS checks the server. */
    public Builder verifyPeer(VerifyPeer verifyPeer) {
      this.verifyPeer = Objects.requireNonNull(verifyPeer, "verifyPeer");
      return this;
    }

    /** A PEM file of CA certificates to trust ({@code null}: the JVM's). */
    public Builder caFile(String caFile) {
      this.caFile = caFile;
      return this;
    }

    /** A client certificate chain and its key, both PEM ({@code null}, {@code null}: none). */
    public Builder clientCertificate(String certFile, String keyFile) {
      this.certFile = certFile;
      this.keyFile = keyFile;
      return this;
    }

    /** The key prefix ({@code null}: none). */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Whether leases remember where they were acquired. */
    public Builder trackLeases(boolean trackLeases) {
      this.trackLeases = trackLeases;
      return this;
    }

    /**
     * Checks the combination and builds.
     *
     * @throws IllegalArgumentException naming the part that is wrong, never a password
     */
    public ConnectionString build() {
      if (!nodes.isEmpty() && new java.util.HashSet<>(nodes).size() < nodes.size()) {
        throw malformed("a node is listed twice");
      }
      if (deployment == Deployment.CLUSTER && database != 0) {
        throw malformed("a cluster has only database 0");
      }
      if (deployment == Deployment.SENTINEL && (masterName == null || masterName.isEmpty())) {
        throw malformed("a sentinel connection string needs the master name (#name)");
      }
      if (deployment != Deployment.SENTINEL && sentinelPassword != null) {
        throw malformed("option 'sentinelPassword' only applies to redis-sentinel:// strings");
      }
      if (deployment == Deployment.SOCKET && tls) {
        throw malformed("a unix socket connection does not use TLS");
      }
      if (!tls
          && (caFile != null
              || certFile != null
              || keyFile != null
              || verifyPeer != VerifyPeer.FULL)) {
        throw malformed(
            "options 'verifyPeer', 'caFile', 'certFile' and 'keyFile' only apply to TLS"
                + " (rediss) connection strings");
      }
      if ((certFile == null) != (keyFile == null)) {
        throw malformed("options 'certFile' and 'keyFile' go together: give both or neither");
      }
      if (database < 0) {
        throw malformed("the database must be a non-negative integer");
      }
      return new ConnectionString(this);
    }
  }
}
