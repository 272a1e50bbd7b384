package dev.mpredis.testkit;

/**
 * The kinds of deployment the kit starts, each reached by its own form of connection string (see
 * {@link RedisEndpoints#uri()}).
 */
public enum RedisKind {
  /** One server on a TCP port of 127.0.0.1: {@code redis://}. */
  STANDALONE,
  /** One server listening only on a unix domain socket: {@code redis-socket://}. */
  SOCKET,
  /** One server listening only with TLS on a TCP port: {@code rediss://}. */
  TLS,
  /** A Sentinel group (a master, a replica, three sentinels): {@code redis-sentinel://}. */
  SENTINEL,
  /** A Redis Cluster: {@code redis-cluster://}. */
  CLUSTER
}
