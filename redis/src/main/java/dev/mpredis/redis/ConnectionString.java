package dev.mpredis.redis;

import dev.mpredis.redis.internal.ConnectionStrings;
import dev.mpredis.redis.internal.Hosts;
import dev.mpredis.redis.internal.Namespaces;
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
 * <p>The grammar is in {@code docs/connection-strings.md}, every option in {@link
 * ConnectionOption}.
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

  /** Default most entries of a near cache: {@value}. */
  public static final int DEFAULT_NEAR_CACHE_SIZE = 10_000;

  /** Default longest life of a near-cache entry: one minute. */
  public static final Duration DEFAULT_NEAR_CACHE_TTL = Duration.ofMinutes(1);

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
   * @param host a host name (ASCII letters, digits, {@code - . _}) or an IPv6 address without
   *     brackets
   * @param port the TCP port, 1 to 65535
   */
  public record Node(String host, int port) {

    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the host or the port breaks its rule
     */
    public Node {
      Hosts.check(Objects.requireNonNull(host, "host"), port);
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    @Override
    public String toString() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** This string's values: a copy of its own, never handed out nor changed. */
  private final ConnectionValues values;

  ConnectionString(ConnectionValues given) {
    this.values = new ConnectionValues(given);
    values.namespace = given.namespace == null ? null : Namespaces.prefix(given.namespace);
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
  public static ConnectionStringBuilder builder() {
    return new ConnectionStringBuilder(new ConnectionValues());
  }

  /** A builder holding everything this connection string says. */
  public ConnectionStringBuilder toBuilder() {
    return new ConnectionStringBuilder(new ConnectionValues(values));
  }

  /** What it points at. */
  public Deployment deployment() {
    return values.deployment;
  }

  /** Whether connections use TLS (to the sentinels too, for {@link Deployment#SENTINEL}). */
  public boolean tls() {
    return values.tls;
  }

  /**
   * The nodes: the one server ({@link Deployment#STANDALONE}), the sentinels ({@link
   * Deployment#SENTINEL}) or the cluster's seed nodes ({@link Deployment#CLUSTER}); empty for a
   * socket.
   */
  public List<Node> nodes() {
    return values.nodes;
  }

  /** The unix socket's path, for {@link Deployment#SOCKET}. */
  public Optional<String> socket() {
    return Optional.ofNullable(values.socket);
  }

  /** The name of the master the sentinels watch, for {@link Deployment#SENTINEL}. */
  public Optional<String> masterName() {
    return Optional.ofNullable(values.masterName);
  }

  /** The database index (always 0 on a cluster). */
  public int database() {
    return values.database;
  }

  /** The ACL user of the data nodes, when not the default user. */
  public Optional<String> username() {
    return Optional.ofNullable(values.username);
  }

  /** The password of the data nodes. */
  public Optional<String> password() {
    return Optional.ofNullable(values.password);
  }

  /** The sentinels' own password, when they have one. */
  public Optional<String> sentinelPassword() {
    return Optional.ofNullable(values.sentinelPassword);
  }

  /** How long a connection may take to be ready. */
  public Duration connectTimeout() {
    return values.connectTimeout;
  }

  /** How long a command may wait for its reply. */
  public Duration commandTimeout() {
    return values.commandTimeout;
  }

  /** The name set with {@code CLIENT SETNAME}. */
  public Optional<String> clientName() {
    return Optional.ofNullable(values.clientName);
  }

  /** The RESP version (2 or 3); empty to let the client negotiate. */
  public Optional<Integer> protocol() {
    return Optional.ofNullable(values.protocol);
  }

  /** How TLS checks the server's certificate. */
  public VerifyPeer verifyPeer() {
    return values.verifyPeer;
  }

  /** A PEM file of CA certificates to trust instead of the JVM's trust store. */
  public Optional<String> caFile() {
    return Optional.ofNullable(values.caFile);
  }

  /** A PEM client certificate chain, for servers that require client certificates. */
  public Optional<String> certFile() {
    return Optional.ofNullable(values.certFile);
  }

  /** The PEM (PKCS#8) private key of {@link #certFile()}. */
  public Optional<String> keyFile() {
    return Optional.ofNullable(values.keyFile);
  }

  /**
   * The prefix of every key the manager touches, separator included: the namespace given, followed
   * by {@code :} unless it ends with one ({@code namespace=app1} gives {@code app1:}).
   */
  public Optional<String> namespace() {
    return Optional.ofNullable(values.namespace);
  }

  /** Whether leases remember the stack trace where they were acquired. */
  public boolean trackLeases() {
    return values.trackLeases;
  }

  /** Whether reads are served from a near cache ({@code docs/near-cache.md}). */
  public boolean nearCache() {
    return values.nearCache;
  }

  /** The most entries the near cache holds. */
  public int nearCacheSize() {
    return values.nearCacheSize;
  }

  /** The longest a near-cache entry lives. */
  public Duration nearCacheTtl() {
    return values.nearCacheTtl;
  }

  /**
   * Where it points, without credentials or options, for messages: {@code 127.0.0.1:6379}, {@code
   * /tmp/redis.sock}, {@code mymaster via s1:26379,s2:26379}, {@code cluster of a:7000,b:7001}.
   */
  public String target() {
    return ConnectionStrings.target(this);
  }

  /**
   * The connection string with its passwords, which {@link #parse(String)} reads back equal: the
   * scheme of its deployment, credentials and the socket path percent-encoded, every option that is
   * not its default under its {@link ConnectionOption#optionName()}. Keep it as secret as the
   * passwords in it.
   *
   * <p>No {@code toUri()}, on purpose: {@link java.net.URI} prints the password in {@code
   * toString()}, and reads a host list or a socket as a registry authority ({@code getHost()} null;
   * a list of IPv6 hosts does not even parse).
   */
  public String format() {
    return ConnectionStrings.format(this, false);
  }

  /** The connection string with every password replaced by the one mask, {@code ****}. */
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
}
