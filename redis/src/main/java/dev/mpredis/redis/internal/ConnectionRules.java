package dev.mpredis.redis.internal;

import dev.mpredis.redis.ConnectionOption;
import dev.mpredis.redis.ConnectionString;
import dev.mpredis.redis.ConnectionString.Deployment;
import dev.mpredis.redis.ConnectionString.Node;
import dev.mpredis.redis.ConnectionString.VerifyPeer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rules a whole connection string obeys, whether parsed or built: each value's own rule and the
 * combinations ({@link ConnectionStringBuilder#build()} applies them). Messages name the part and
 * the rule, never a password. Stateless.
 */
public final class ConnectionRules {

  private static final Duration LONGEST = Duration.ofMinutes(10);

  /** The largest {@code nearCacheSize}. */
  static final int MAX_NEAR_CACHE_SIZE = 100_000_000;

  private static final String TLS_OPTIONS =
      Stream.of(
              ConnectionOption.VERIFY_PEER,
              ConnectionOption.CA_FILE,
              ConnectionOption.CERT_FILE,
              ConnectionOption.KEY_FILE)
          .map(ConnectionOptions::quoted)
          .collect(Collectors.joining(", "));

  private ConnectionRules() {}

  /**
   * Checks {@code url}.
   *
   * @throws MalformedConnectionStringException naming the first rule it breaks
   */
  public static void check(ConnectionString url) {
    Deployment deployment = url.deployment();
    checkNodes(url);
    if (url.database() < 0) {
      throw malformed("the database must be a whole number, 0 or more");
    }
    if (deployment == Deployment.CLUSTER && url.database() != 0) {
      throw malformed(
          "a cluster has only database 0 (the path /<db> or option 'database' must be 0 or left"
              + " out)");
    }
    if (deployment == Deployment.SENTINEL) {
      String master = url.masterName().orElse("");
      if (master.isEmpty()) {
        throw malformed(
            "a redis-sentinel:// string needs the master name: #name at its end, or option"
                + " 'masterName'");
      }
      if (!master.chars().allMatch(ConnectionRules::masterNameCharacter)) {
        throw malformed(
            "the master name (#name or option 'masterName') must be "
                + rule(ConnectionOption.MASTER_NAME));
      }
    } else if (url.sentinelPassword().isPresent()) {
      throw malformed("option 'sentinelPassword' only applies to redis-sentinel:// strings");
    }
    if (deployment == Deployment.SOCKET) {
      checkSocket(url);
    }
    checkTls(url);
    notEmpty(url.username(), "the username must not be empty (leave it out: the default user)");
    notEmpty(url.password(), "the password must not be empty (leave it out: none)");
    if (url.sentinelPassword().filter(String::isEmpty).isPresent()) {
      throw ConnectionOptions.mustBe(ConnectionOption.SENTINEL_PASSWORD);
    }
    checkTimeout(ConnectionOption.CONNECT_TIMEOUT, url.connectTimeout());
    checkTimeout(ConnectionOption.COMMAND_TIMEOUT, url.commandTimeout());
    if (url.clientName()
        .filter(name -> name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c > '~'))
        .isPresent()) {
      throw ConnectionOptions.mustBe(ConnectionOption.CLIENT_NAME);
    }
    if (url.protocol().filter(version -> version != 2 && version != 3).isPresent()) {
      throw ConnectionOptions.mustBe(ConnectionOption.PROTOCOL);
    }
    checkNearCache(url);
  }

  private static void checkNearCache(ConnectionString url) {
    if (url.nearCacheSize() < 1 || url.nearCacheSize() > MAX_NEAR_CACHE_SIZE) {
      throw ConnectionOptions.mustBe(ConnectionOption.NEAR_CACHE_SIZE);
    }
    checkTimeout(ConnectionOption.NEAR_CACHE_TTL, url.nearCacheTtl());
    String nearCache = ConnectionOptions.quoted(ConnectionOption.NEAR_CACHE);
    if (!url.nearCache()) {
      if (url.nearCacheSize() != ConnectionString.DEFAULT_NEAR_CACHE_SIZE
          || !url.nearCacheTtl().equals(ConnectionString.DEFAULT_NEAR_CACHE_TTL)) {
        throw malformed(
            "options "
                + ConnectionOptions.quoted(ConnectionOption.NEAR_CACHE_SIZE)
                + " and "
                + ConnectionOptions.quoted(ConnectionOption.NEAR_CACHE_TTL)
                + " only apply with "
                + nearCache
                + "=true");
      }
      return;
    }
    if (url.protocol().filter(version -> version == 2).isPresent()) {
      throw malformed(
          "option "
              + nearCache
              + "=true needs RESP3 (the server pushes invalidations), so option 'protocol' must be"
              + " 3 or left out");
    }
    if (url.deployment() == Deployment.CLUSTER) {
      throw malformed(
          "option "
              + nearCache
              + "=true is not supported on a cluster yet (tracking on every master's"
              + " connection is needed); leave it out on redis-cluster:// strings");
    }
  }

  private static void checkNodes(ConnectionString url) {
    if (url.deployment() != Deployment.SOCKET && url.nodes().isEmpty()) {
      throw malformed("the connection string needs at least one host");
    }
    Set<String> seen = new HashSet<>();
    for (Node node : url.nodes()) {
      if (!seen.add(node.toString().toLowerCase(Locale.ROOT))) {
        throw malformed("a host and port is listed twice (host names compare in any case)");
      }
    }
  }

  private static void checkSocket(ConnectionString url) {
    String path = url.socket().orElse("");
    if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
      throw malformed(
          "the socket path must be absolute and name a file: redis-socket:///path/to/redis.sock");
    }
    if (path.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
      throw malformed("the socket path must not contain control characters");
    }
    if (url.tls()) {
      throw malformed("a unix socket connection does not use TLS");
    }
  }

  private static void checkTls(ConnectionString url) {
    if (!url.tls()
        && (url.caFile().isPresent()
            || url.certFile().isPresent()
            || url.keyFile().isPresent()
            || url.verifyPeer() != VerifyPeer.FULL)) {
      throw malformed(
          "TLS options ("
              + TLS_OPTIONS
              + ") only apply to rediss://, rediss-sentinel:// and rediss-cluster:// strings");
    }
    if (url.certFile().isPresent() != url.keyFile().isPresent()) {
      throw malformed(
          "options "
              + ConnectionOptions.quoted(ConnectionOption.CERT_FILE)
              + " and "
              + ConnectionOptions.quoted(ConnectionOption.KEY_FILE)
              + " go together: give both or neither");
    }
    notEmpty(url.caFile(), mustNotBeEmpty(ConnectionOption.CA_FILE));
    notEmpty(url.certFile(), mustNotBeEmpty(ConnectionOption.CERT_FILE));
    notEmpty(url.keyFile(), mustNotBeEmpty(ConnectionOption.KEY_FILE));
  }

  private static String mustNotBeEmpty(ConnectionOption option) {
    return "option " + ConnectionOptions.quoted(option) + " must not be empty";
  }

  private static void checkTimeout(ConnectionOption option, Duration timeout) {
    if (timeout.isNegative()
        || timeout.isZero()
        || timeout.compareTo(LONGEST) > 0
        || timeout.getNano() % 1_000_000 != 0) {
      throw malformed(
          "option "
              + ConnectionOptions.quoted(option)
              + " must be from 1ms to 10m, in whole milliseconds");
    }
  }

  private static void notEmpty(Optional<String> value, String message) {
    if (value.filter(String::isEmpty).isPresent()) {
      throw malformed(message);
    }
  }

  private static boolean masterNameCharacter(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '-'
        || c == '_';
  }

  private static String rule(ConnectionOption option) {
    return option.rule().replace("`", "");
  }

  private static MalformedConnectionStringException malformed(String message) {
    return new MalformedConnectionStringException(message);
  }
}
