package dev.mpredis.redis;

import dev.mpredis.redis.ConnectionString.Deployment;
import dev.mpredis.redis.ConnectionString.Node;
import dev.mpredis.redis.ConnectionString.VerifyPeer;
import dev.mpredis.redis.internal.ConnectionRules;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link ConnectionString}; {@link #build()} applies the same rules as {@link
 * ConnectionString#parse(String)}. From {@link ConnectionString#builder()} or {@link
 * ConnectionString#toBuilder()}. Not thread-safe.
 */
public final class ConnectionStringBuilder {
  private final ConnectionValues v;

  ConnectionStringBuilder(ConnectionValues values) {
    this.v = values;
  }

  /** One server at {@code host:port}. */
  public ConnectionStringBuilder standalone(String host, int port) {
    v.at(Deployment.STANDALONE, List.of(new Node(host, port)), null, null);
    return this;
  }

  /** One server on the unix socket at {@code path} (absolute). */
  public ConnectionStringBuilder socket(String path) {
    v.at(Deployment.SOCKET, List.of(), Objects.requireNonNull(path, "path"), null);
    return this;
  }

  /** The master named {@code masterName} by the given sentinels. */
  public ConnectionStringBuilder sentinel(String masterName, List<Node> sentinels) {
    v.at(Deployment.SENTINEL, sentinels, null, masterName);
    return this;
  }

  /** A cluster found from the given seed nodes. */
  public ConnectionStringBuilder cluster(List<Node> seeds) {
    v.at(Deployment.CLUSTER, seeds, null, null);
    return this;
  }

  /** Whether to use TLS. */
  public ConnectionStringBuilder tls(boolean tls) {
    v.tls = tls;
    return this;
  }

  /** The database index. */
  public ConnectionStringBuilder database(int database) {
    v.database = database;
    return this;
  }

  /** The ACL user name ({@code null}: the default user). */
  public ConnectionStringBuilder username(String username) {
    v.username = username;
    return this;
  }

  /** The data nodes' password ({@code null}: none). */
  public ConnectionStringBuilder password(String password) {
    v.password = password;
    return this;
  }

  /** The sentinels' own password ({@code null}: none). */
  public ConnectionStringBuilder sentinelPassword(String sentinelPassword) {
    v.sentinelPassword = sentinelPassword;
    return this;
  }

  /** How long a connection may take to be ready (whole milliseconds, 1 ms to 10 minutes). */
  public ConnectionStringBuilder connectTimeout(Duration connectTimeout) {
    v.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    return this;
  }

  /** How long a command may wait for its reply (whole milliseconds, 1 ms to 10 minutes). */
  public ConnectionStringBuilder commandTimeout(Duration commandTimeout) {
    v.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
    return this;
  }

  /** The name set with {@code CLIENT SETNAME} ({@code null}: none). */
  public ConnectionStringBuilder clientName(String clientName) {
    v.clientName = clientName;
    return this;
  }

  /** The RESP version, 2 or 3 ({@code null}: negotiate). */
  public ConnectionStringBuilder protocol(Integer protocol) {
    v.protocol = protocol;
    return this;
  }

  /** How TLS checks the server. */
  public ConnectionStringBuilder verifyPeer(VerifyPeer verifyPeer) {
    v.verifyPeer = Objects.requireNonNull(verifyPeer, "verifyPeer");
    return this;
  }

  /** A PEM file of CA certificates to trust ({@code null}: the JVM's). */
  public ConnectionStringBuilder caFile(String caFile) {
    v.caFile = caFile;
    return this;
  }

  /** A client certificate chain and its key, both PEM ({@code null}, {@code null}: none). */
  public ConnectionStringBuilder clientCertificate(String certFile, String keyFile) {
    v.certFile = certFile;
    v.keyFile = keyFile;
    return this;
  }

  /** The key namespace ({@code null}: none); {@code :} is put after it unless it ends with one. */
  public ConnectionStringBuilder namespace(String namespace) {
    v.namespace = namespace;
    return this;
  }

  /** Whether leases remember where they were acquired. */
  public ConnectionStringBuilder trackLeases(boolean trackLeases) {
    v.trackLeases = trackLeases;
    return this;
  }

  /** Whether reads are served from a near cache (needs RESP3; not on a cluster). */
  public ConnectionStringBuilder nearCache(boolean nearCache) {
    v.nearCache = nearCache;
    return this;
  }

  /** The most entries the near cache holds (1 to 100,000,000; only with a near cache). */
  public ConnectionStringBuilder nearCacheSize(int nearCacheSize) {
    v.nearCacheSize = nearCacheSize;
    return this;
  }

  /** The longest a near-cache entry lives (1 ms to 10 minutes; only with a near cache). */
  public ConnectionStringBuilder nearCacheTtl(Duration nearCacheTtl) {
    v.nearCacheTtl = Objects.requireNonNull(nearCacheTtl, "nearCacheTtl");
    return this;
  }

  /**
   * Checks every value and their combination, then builds. The rules are those of {@code
   * docs/connection-strings.md}: for example a cluster has only database 0, a sentinel string needs
   * a master name, {@code sentinelPassword} is for sentinel strings only, TLS options need TLS, a
   * socket has no TLS, no node is listed twice, a near cache needs RESP3 and no cluster.
   *
   * @throws IllegalArgumentException naming the part that is wrong and the rule, never a password
   */
  public ConnectionString build() {
    ConnectionString built = new ConnectionString(v); // checks the namespace
    ConnectionRules.check(built);
    return built;
  }
}
