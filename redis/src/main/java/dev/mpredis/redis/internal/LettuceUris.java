package dev.mpredis.redis.internal;

import dev.mpredis.redis.ConnectionString;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Lettuce's {@link RedisURI}s for a connection string: one for a server, a socket or a Sentinel
 * group, one per seed for a cluster. Every URI carries credentials that print as {@code ****}
 * ({@link UnprintableCredentials}), never Lettuce's own, which print one star per character.
 */
final class LettuceUris {

  private LettuceUris() {}

  /** The URI of a single server, socket, or Sentinel-named master. */
  static RedisURI single(ConnectionString settings) {
    RedisURI.Builder uri =
        switch (settings.deployment()) {
          case STANDALONE ->
              RedisURI.builder()
                  .withHost(settings.nodes().get(0).host())
                  .withPort(settings.nodes().get(0).port());
          case SOCKET -> RedisURI.Builder.socket(settings.socket().orElseThrow());
          case SENTINEL -> sentinels(settings);
          case CLUSTER -> throw new IllegalArgumentException("a cluster has seeds, not one URI");
        };
    return dataNode(uri, settings).withDatabase(settings.database()).build();
  }

  /** One URI per seed node of a cluster. */
  static List<RedisURI> seeds(ConnectionString settings) {
    List<RedisURI> seeds = new ArrayList<>();
    for (ConnectionString.Node node : settings.nodes()) {
      seeds.add(
          dataNode(RedisURI.builder().withHost(node.host()).withPort(node.port()), settings)
              .build());
    }
    return seeds;
  }

  /** The master name and every sentinel, each with the sentinels' own password, if any. */
  private static RedisURI.Builder sentinels(ConnectionString settings) {
    RedisURI.Builder uri = RedisURI.builder().withSentinelMasterId(settings.masterName().get());
    for (ConnectionString.Node node : settings.nodes()) {
      RedisURI.Builder sentinel = RedisURI.builder().withHost(node.host()).withPort(node.port());
      settings
          .sentinelPassword()
          .ifPresent(
              password -> sentinel.withAuthentication(new UnprintableCredentials(null, password)));
      tls(sentinel, settings);
      uri.withSentinel(sentinel.build());
    }
    return uri;
  }

  /** What a data node needs: credentials, client name, timeout and TLS. */
  private static RedisURI.Builder dataNode(RedisURI.Builder uri, ConnectionString settings) {
    uri.withTimeout(settings.commandTimeout());
    settings
        .password()
        .ifPresent(
            password ->
                uri.withAuthentication(
                    new UnprintableCredentials(settings.username().orElse(null), password)));
    settings.clientName().ifPresent(uri::withClientName);
    tls(uri, settings);
    return uri;
  }

  private static void tls(RedisURI.Builder uri, ConnectionString settings) {
    if (settings.tls()) {
      uri.withSsl(true)
          .withVerifyPeer(
              switch (settings.verifyPeer()) {
                case FULL -> SslVerifyMode.FULL;
                case CA -> SslVerifyMode.CA;
                case NONE -> SslVerifyMode.NONE;
              });
    }
  }
}
