package dev.mpredis.spring;

import dev.mpredis.redis.ConnectionString;
import dev.mpredis.redis.ConnectionStringBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Spring Boot's {@code spring.data.redis.*} properties as an mp-redis {@link ConnectionString},
 * through {@link ConnectionString#builder()}. Read with Spring's relaxed binding (so {@code
 * SPRING_DATA_REDIS_HOST} works), without Spring Data Redis on the class path.
 *
 * <p>Mapped: {@code url}, {@code host}, {@code port}, {@code database}, {@code username}, {@code
 * password}, {@code ssl.enabled}, {@code timeout} (the command timeout), {@code connect-timeout},
 * {@code client-name}, {@code sentinel.master}, {@code sentinel.nodes}, {@code sentinel.password}
 * and {@code cluster.nodes}. Properties of one client ({@code lettuce.*}, {@code jedis.*}, {@code
 * client-type}) do not apply and are not read. What cannot be mapped is refused, naming the
 * property: {@code ssl.bundle} (give PEM files in {@code mp-redis.url} instead), {@code
 * sentinel.username}, and both {@code sentinel.*} and {@code cluster.*} at once (Spring Boot would
 * take the Sentinel and ignore the cluster).
 */
final class SpringDataRedisConnection {

  static final String PREFIX = "spring.data.redis.";

  /** Spring Boot's default host ({@code localhost}), not mp-redis's {@code 127.0.0.1}. */
  static final String DEFAULT_HOST = "localhost";

  private final Binder binder;

  private SpringDataRedisConnection(Binder binder) {
    this.binder = binder;
  }

  /**
   * The connection string the properties describe.
   *
   * @throws IllegalArgumentException naming the property and the rule it breaks, never a password
   */
  static ConnectionString from(Binder binder) {
    return new SpringDataRedisConnection(binder).build();
  }

  private ConnectionString build() {
    refuse(
        "ssl.bundle",
        "SSL bundles are not supported; give caFile, certFile and keyFile in"
            + " mp-redis.url instead");
    refuse("sentinel.username", "a sentinel ACL user is not supported; use sentinel.password");
    List<String> sentinels = list("sentinel.nodes");
    List<String> cluster = list("cluster.nodes");
    Optional<String> master = string("sentinel.master");
    if ((!sentinels.isEmpty() || master.isPresent()) && !cluster.isEmpty()) {
      throw new IllegalArgumentException(
          PREFIX + "sentinel.* and " + PREFIX + "cluster.nodes were both set, must be one of them");
    }
    ConnectionStringBuilder b =
        string("url").map(SpringDataRedisConnection::parseUrl).orElseGet(ConnectionString::builder);
    if (!sentinels.isEmpty() || master.isPresent()) {
      b.sentinel(
          master.orElseThrow(
              () ->
                  new IllegalArgumentException(
                      PREFIX + "sentinel.nodes was set without " + PREFIX + "sentinel.master")),
          nodes("sentinel.nodes", sentinels, ConnectionString.DEFAULT_SENTINEL_PORT));
      string("sentinel.password").ifPresent(b::sentinelPassword);
    } else if (!cluster.isEmpty()) {
      b.cluster(nodes("cluster.nodes", cluster, ConnectionString.DEFAULT_PORT));
    } else if (string("url").isEmpty()) {
      b.standalone(
          string("host").orElse(DEFAULT_HOST),
          value("port", Integer.class).orElse(ConnectionString.DEFAULT_PORT));
    }
    value("database", Integer.class).ifPresent(b::database);
    string("username").ifPresent(b::username);
    string("password").ifPresent(b::password);
    if (value("ssl.enabled", Boolean.class).orElse(false)) {
      b.tls(true);
    }
    value("timeout", Duration.class).ifPresent(b::commandTimeout);
    value("connect-timeout", Duration.class).ifPresent(b::connectTimeout);
    string("client-name").ifPresent(b::clientName);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          PREFIX + "* do not make a valid connection: " + e.getMessage(), e);
    }
  }

  private static ConnectionStringBuilder parseUrl(String url) {
    try {
      return ConnectionString.parse(url).toBuilder();
    } catch (IllegalArgumentException e) {
      // The parser's message quotes nothing of the string, which may hold a password.
      throw new IllegalArgumentException(PREFIX + "url: " + e.getMessage(), e);
    }
  }

  /** {@code host:port} items, the port optional; IPv6 hosts in brackets. */
  private static List<ConnectionString.Node> nodes(
      String property, List<String> items, int defaultPort) {
    List<ConnectionString.Node> nodes = new ArrayList<>();
    for (String item : items) {
      String text = item.strip();
      int colon = text.lastIndexOf(':');
      boolean bracketed = text.startsWith("[");
      boolean hasPort = colon > 0 && (!bracketed || text.lastIndexOf(']') < colon);
      if (!bracketed && hasPort && text.indexOf(':') != colon) {
        hasPort = false; // a bare IPv6 address
      }
      String host = hasPort ? text.substring(0, colon) : text;
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        int port = hasPort ? Integer.parseInt(text.substring(colon + 1)) : defaultPort;
        nodes.add(new ConnectionString.Node(host, port));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            PREFIX + property + " item '" + text + "' is not host:port: " + e.getMessage(), e);
      }
    }
    return nodes;
  }

  private void refuse(String property, String rule) {
    if (string(property).isPresent()) {
      throw new IllegalArgumentException(PREFIX + property + " was set: " + rule);
    }
  }

  private Optional<String> string(String property) {
    return value(property, String.class).filter(s -> !s.isEmpty());
  }

  private List<String> list(String property) {
    return binder
        .bind(PREFIX + property, Bindable.listOf(String.class))
        .map(List::copyOf)
        .orElse(List.of());
  }

  private <T> Optional<T> value(String property, Class<T> type) {
    return Optional.ofNullable(binder.bind(PREFIX + property, type).orElse(null));
  }
}
