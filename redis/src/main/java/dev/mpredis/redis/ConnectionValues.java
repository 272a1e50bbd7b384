package dev.mpredis.redis;

import dev.mpredis.redis.ConnectionString.Deployment;
import dev.mpredis.redis.ConnectionString.Node;
import dev.mpredis.redis.ConnectionString.VerifyPeer;
import java.time.Duration;
import java.util.List;

/**
 * Everything a connection string says, with the defaults: the mutable state of a {@link
 * ConnectionStringBuilder}, of which each {@link ConnectionString} keeps a copy of its own that
 * nothing changes. Not thread-safe.
 */
final class ConnectionValues {
  Deployment deployment = Deployment.STANDALONE;
  boolean tls;
  List<Node> nodes =
      List.of(new Node(ConnectionString.DEFAULT_HOST, ConnectionString.DEFAULT_PORT));
  String socket;
  String masterName;
  int database;
  String username;
  String password;
  String sentinelPassword;
  Duration connectTimeout = ConnectionString.DEFAULT_CONNECT_TIMEOUT;
  Duration commandTimeout = ConnectionString.DEFAULT_COMMAND_TIMEOUT;
  String clientName;
  Integer protocol;
  VerifyPeer verifyPeer = VerifyPeer.FULL;
  String caFile;
  String certFile;
  String keyFile;
  String namespace;
  boolean trackLeases;
  boolean nearCache;
  int nearCacheSize = ConnectionString.DEFAULT_NEAR_CACHE_SIZE;
  Duration nearCacheTtl = ConnectionString.DEFAULT_NEAR_CACHE_TTL;

  /** The defaults: {@code redis://127.0.0.1:6379}. */
  ConnectionValues() {}

  /** A copy of {@code other} (every value is immutable; the node list too). */
  ConnectionValues(ConnectionValues other) {
    deployment = other.deployment;
    tls = other.tls;
    nodes = other.nodes;
    socket = other.socket;
    masterName = other.masterName;
    database = other.database;
    username = other.username;
    password = other.password;
    sentinelPassword = other.sentinelPassword;
    connectTimeout = other.connectTimeout;
    commandTimeout = other.commandTimeout;
    clientName = other.clientName;
    protocol = other.protocol;
    verifyPeer = other.verifyPeer;
    caFile = other.caFile;
    certFile = other.certFile;
    keyFile = other.keyFile;
    namespace = other.namespace;
    trackLeases = other.trackLeases;
    nearCache = other.nearCache;
    nearCacheSize = other.nearCacheSize;
    nearCacheTtl = other.nearCacheTtl;
  }

  /** Points at {@code deployment}: its nodes, its socket and its master name, or null. */
  void at(Deployment deployment, List<Node> nodes, String socket, String masterName) {
    this.deployment = deployment;
    this.nodes = List.copyOf(nodes);
    this.socket = socket;
    this.masterName = masterName;
  }
}
