package dev.mpredis.redis.internal;

import dev.mpredis.redis.ConnectionOption;
import dev.mpredis.redis.ConnectionString;
import dev.mpredis.redis.ConnectionString.Deployment;
import dev.mpredis.redis.ConnectionString.Node;
import dev.mpredis.redis.ConnectionStringBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parses and writes connection strings: the one place that reads one. The grammar:
 *
 * <pre>
 * redis://[[username]:password@]host[:port][/database][?option=value[&amp;option=value]...]
 * rediss://...                      the same, over TLS
 * redis-socket://[[username]:password@]/path/to/redis.sock[?database=N&amp;...]
 * redis-sentinel://[[username]:password@]host1[:port1][,host2[:port2]...][/database][?...]#masterName
 * rediss-sentinel://...             the same, over TLS (to the sentinels and to the data nodes)
 * redis-cluster://[[username]:password@]host1[:port1][,host2[:port2]...][?...]
 * rediss-cluster://...              the same, over TLS
 * </pre>
 *
 * <ul>
 *   <li>Schemes are case-insensitive. Defaults: host {@code 127.0.0.1}, port {@code 6379} ({@code
 *       26379} for a sentinel), database {@code 0}; {@code redis://} alone is valid. A host name is
 *       ASCII letters, digits, {@code - . _}; an IPv6 host is written in brackets: {@code
 *       redis://[::1]:6379}. Sentinels and cluster seeds are listed with commas; an empty one, or
 *       one listed twice, is malformed.
 *   <li>The user info is the data nodes' user and password, percent-decoded (UTF-8). User info
 *       without a colon is a password ({@code redis://secret@host}), as redis-cli and Lettuce read
 *       it. The user info ends at the last {@code @}, so a password may contain raw {@code @ / ? #
 *       , :}; an {@code @} in a username or in an option value must be written {@code %40}.
 *   <li>The socket path is percent-decoded; its database is option {@code database}, since the path
 *       is the socket's. A cluster has only database 0.
 *   <li>A sentinel string names its master in the fragment ({@code #mymaster}) or in option {@code
 *       masterName} (alias {@code sentinelMasterId}), not both; no other string has a fragment. The
 *       sentinels' own password is option {@code sentinelPassword}.
 *   <li>Options: those of {@link ConnectionOption}, by name or alias (case-sensitive), each at most
 *       once, values percent-decoded. Durations take a unit: {@code 500ms}, {@code 10s}, {@code 2m}
 *       (a bare number is milliseconds).
 *   <li>Anything else is malformed: an unknown scheme or option, a port outside 1..65535, a
 *       database that is not a non-negative integer, a bad percent-encoding, TLS options without
 *       TLS, and the rules of {@link ConnectionStringBuilder#build()}.
 * </ul>
 *
 * <p>Error messages name the part and the rule and quote nothing of the string: a password may hold
 * raw {@code : / ? #} and even {@code @}, so when its {@code @} is forgotten any part (authority,
 * path, options, fragment) may be password text. Only our own names (options, schemes) appear.
 * Stateless and thread-safe.
 */
public final class ConnectionStrings {

  /** Longest accepted connection string, in characters. */
  public static final int MAX_LENGTH = 4096;

  /** The schemes: what each points at, and whether it uses TLS. */
  private enum Scheme {
    REDIS("redis", Deployment.STANDALONE, false),
    REDISS("rediss", Deployment.STANDALONE, true),
    SOCKET("redis-socket", Deployment.SOCKET, false),
    SENTINEL("redis-sentinel", Deployment.SENTINEL, false),
    SENTINEL_TLS("rediss-sentinel", Deployment.SENTINEL, true),
    CLUSTER("redis-cluster", Deployment.CLUSTER, false),
    CLUSTER_TLS("rediss-cluster", Deployment.CLUSTER, true);

    final String text;
    final Deployment deployment;
    final boolean tls;

    Scheme(String text, Deployment deployment, boolean tls) {
      this.text = text;
      this.deployment = deployment;
      this.tls = tls;
    }

    static Scheme of(Deployment deployment, boolean tls) {
      for (Scheme scheme : values()) {
        if (scheme.deployment == deployment && scheme.tls == tls) {
          return scheme;
        }
      }
      throw new IllegalArgumentException("no scheme for a " + deployment + " over TLS");
    }
  }

  /** Other clients' schemes (Lettuce's alternatives, redis-py's) with ours for the same thing. */
  static final Map<String, String> FOREIGN_SCHEMES =
      Map.of(
          "redis+ssl", "rediss",
          "redis+tls", "rediss",
          "redis+socket", "redis-socket",
          "unix", "redis-socket",
          "redis+sentinel", "redis-sentinel",
          "rediss+sentinel", "rediss-sentinel");

  private static final String SCHEMES =
      Arrays.stream(Scheme.values()).map(s -> s.text).collect(Collectors.joining(", "));

  private ConnectionStrings() {}

  /**
   * Parses a connection string.
   *
   * @throws MalformedConnectionStringException naming the part that is wrong
   */
  public static ConnectionString parse(String url) {
    if (url == null) {
      throw malformed("the connection string is missing");
    }
    if (url.length() > MAX_LENGTH) {
      throw malformed("the connection string is longer than " + MAX_LENGTH + " characters");
    }
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      throw malformed(
          "the connection string must start with redis:// or another supported scheme"
              + " (supported schemes: "
              + SCHEMES
              + ")");
    }
    Scheme scheme = scheme(url.substring(0, schemeEnd).toLowerCase(Locale.ROOT));
    Deployment deployment = scheme.deployment;
    String rest = url.substring(schemeEnd + 3);

    String username = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        password = PercentEncoding.decode(userInfo, "password");
      } else {
        String user = userInfo.substring(0, colon);
        if (user.indexOf('@') >= 0) {
          // Either the name holds a raw '@' or one after the password (in an option value, say)
          // moved the end of the user info: then this "name" would be password text, and printed.
          throw malformed(
              "the user info cannot be read: a raw '@' in the username, or after the password,"
                  + " must be written %40");
        }
        username = user.isEmpty() ? null : PercentEncoding.decode(user, "username");
        password = PercentEncoding.decode(userInfo.substring(colon + 1), "password");
      }
      password = password.isEmpty() ? null : password;
    }
    String fragment = null;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      if (deployment != Deployment.SENTINEL) {
        throw malformed(
            "the connection string must not have a fragment (#...); only a redis-sentinel://"
                + " string ends with #masterName");
      }
      fragment = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    String query = null;
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    // Without an '@' the rest may be "user:password" + host with the '@' forgotten.
    String hint = at < 0 ? "; is an '@' missing after the password?" : "";
    ConnectionOptions options = ConnectionOptions.read(query);
    ConnectionStringBuilder builder =
        ConnectionString.builder().tls(scheme.tls).username(username).password(password);
    Integer pathDatabase = null;
    if (deployment == Deployment.SOCKET) {
      if (!rest.startsWith("/")) {
        throw malformed(
            "the socket path must be absolute: redis-socket:///path/to/redis.sock" + hint);
      }
      builder.socket(PercentEncoding.decode(rest, "the socket path"));
    } else {
      int slash = rest.indexOf('/');
      String authority = slash < 0 ? rest : rest.substring(0, slash);
      String path = slash < 0 ? "" : rest.substring(slash + 1);
      List<Node> nodes =
          Hosts.parse(
              authority,
              deployment == Deployment.SENTINEL
                  ? ConnectionString.DEFAULT_SENTINEL_PORT
                  : ConnectionString.DEFAULT_PORT,
              deployment != Deployment.STANDALONE,
              hint);
      if (!path.isEmpty()) {
        pathDatabase = ConnectionOptions.database(path);
        if (pathDatabase < 0) {
          throw malformed("the database (the path /<db>) must be a non-negative integer");
        }
      }
      switch (deployment) {
        case SENTINEL -> builder.sentinel(masterName(fragment, options), nodes);
        case CLUSTER -> builder.cluster(nodes);
        default -> builder.standalone(nodes.get(0).host(), nodes.get(0).port());
      }
    }
    if (deployment != Deployment.SENTINEL
        && options.value(ConnectionOption.MASTER_NAME).isPresent()) {
      throw malformed("option 'masterName' only applies to redis-sentinel:// strings");
    }
    builder.database(database(pathDatabase, options));
    options.applyTo(builder);
    return builder.build();
  }

  private static Scheme scheme(String text) {
    for (Scheme scheme : Scheme.values()) {
      if (scheme.text.equals(text)) {
        return scheme;
      }
    }
    String ours = FOREIGN_SCHEMES.get(text);
    throw malformed(
        "the scheme is not supported; supported schemes: "
            + SCHEMES
            + (ours == null ? "" : " (for " + text + ":// write " + ours + "://)"));
  }

  /** The master name: the fragment or the option, not both. */
  private static String masterName(String fragment, ConnectionOptions options) {
    String option = options.value(ConnectionOption.MASTER_NAME).orElse(null);
    if (fragment != null && option != null) {
      throw malformed("the master name is given twice: as #name and as option 'masterName'");
    }
    return fragment != null ? fragment : option;
  }

  /** The database: the path or the option, not both; else 0. */
  private static int database(Integer path, ConnectionOptions options) {
    String option = options.value(ConnectionOption.DATABASE).orElse(null);
    if (option == null) {
      return path == null ? 0 : path;
    }
    if (path != null) {
      throw malformed("the database is given twice: as the path /<db> and as option 'database'");
    }
    int database = ConnectionOptions.database(option);
    if (database < 0) {
      throw ConnectionOptions.mustBe(ConnectionOption.DATABASE);
    }
    return database;
  }

  static int parseInt(String text, int invalid) {
    if (text.isEmpty() || text.length() > 9) {
      return invalid;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return invalid;
      }
    }
    return Integer.parseInt(text);
  }

  /**
   * Writes {@code url} back as a connection string: the scheme of its deployment, the user info,
   * the nodes or socket, the database when not 0, every option that is not its default (in the
   * order of {@link ConnectionOption}), and a sentinel's master name; with {@code masked}, each
   * password is {@link Secrets#MASK}.
   */
  public static String format(ConnectionString url, boolean masked) {
    StringBuilder text = new StringBuilder(Scheme.of(url.deployment(), url.tls()).text);
    text.append("://");
    if (url.username().isPresent() || url.password().isPresent()) {
      url.username().ifPresent(name -> text.append(PercentEncoding.encode(name)));
      text.append(':');
      url.password()
          .ifPresent(
              password -> text.append(masked ? Secrets.MASK : PercentEncoding.encode(password)));
      text.append('@');
    }
    boolean socket = url.deployment() == Deployment.SOCKET;
    if (socket) {
      text.append(encodePath(url.socket().orElseThrow()));
    } else {
      text.append(joined(url.nodes()));
      if (url.database() != 0) {
        text.append('/').append(url.database());
      }
    }
    List<String> options = new ArrayList<>();
    for (ConnectionOption option : ConnectionOption.values()) {
      String value = optionValue(url, option, masked);
      if (value != null) {
        options.add(option.optionName() + "=" + value);
      }
    }
    if (!options.isEmpty()) {
      text.append('?').append(String.join("&", options));
    }
    url.masterName().ifPresent(name -> text.append('#').append(name));
    return text.toString();
  }

  /** See {@link ConnectionString#target()}. */
  public static String target(ConnectionString url) {
    return switch (url.deployment()) {
      case STANDALONE -> url.nodes().get(0).toString();
      case SOCKET -> url.socket().orElseThrow();
      case SENTINEL -> url.masterName().orElseThrow() + " via " + joined(url.nodes());
      case CLUSTER -> "cluster of " + joined(url.nodes());
    };
  }

  private static String joined(List<Node> nodes) {
    return nodes.stream().map(Node::toString).collect(Collectors.joining(","));
  }

  /** The value {@code option} is written with, or {@code null} when it is left out. */
  private static String optionValue(ConnectionString url, ConnectionOption option, boolean masked) {
    return switch (option) {
      case DATABASE ->
          url.deployment() == Deployment.SOCKET && url.database() != 0
              ? String.valueOf(url.database())
              : null; // elsewhere the path
      case MASTER_NAME -> null; // the fragment
      case SENTINEL_PASSWORD ->
          url.sentinelPassword()
              .map(password -> masked ? Secrets.MASK : PercentEncoding.encode(password))
              .orElse(null);
      case CONNECT_TIMEOUT ->
          url.connectTimeout().equals(ConnectionString.DEFAULT_CONNECT_TIMEOUT)
              ? null
              : ConnectionOptions.duration(url.connectTimeout());
      case COMMAND_TIMEOUT ->
          url.commandTimeout().equals(ConnectionString.DEFAULT_COMMAND_TIMEOUT)
              ? null
              : ConnectionOptions.duration(url.commandTimeout());
      case CLIENT_NAME -> url.clientName().map(PercentEncoding::encode).orElse(null);
      case PROTOCOL -> url.protocol().map(String::valueOf).orElse(null);
      case VERIFY_PEER ->
          url.verifyPeer() == ConnectionString.VerifyPeer.FULL
              ? null
              : url.verifyPeer().name().toLowerCase(Locale.ROOT);
      case CA_FILE -> url.caFile().map(PercentEncoding::encode).orElse(null);
      case CERT_FILE -> url.certFile().map(PercentEncoding::encode).orElse(null);
      case KEY_FILE -> url.keyFile().map(PercentEncoding::encode).orElse(null);
      case NAMESPACE -> url.namespace().map(PercentEncoding::encode).orElse(null);
      case TRACK_LEASES -> url.trackLeases() ? "true" : null;
      case NEAR_CACHE -> url.nearCache() ? "true" : null;
      case NEAR_CACHE_SIZE ->
          url.nearCacheSize() == ConnectionString.DEFAULT_NEAR_CACHE_SIZE
              ? null
              : String.valueOf(url.nearCacheSize());
      case NEAR_CACHE_TTL ->
          url.nearCacheTtl().equals(ConnectionString.DEFAULT_NEAR_CACHE_TTL)
              ? null
              : ConnectionOptions.duration(url.nearCacheTtl());
    };
  }

  /** Each segment percent-encoded, the slashes kept. */
  private static String encodePath(String path) {
    return Arrays.stream(path.split("/", -1))
        .map(PercentEncoding::encode)
        .collect(Collectors.joining("/"));
  }

  private static MalformedConnectionStringException malformed(String message) {
    return new MalformedConnectionStringException(message);
  }

  /**
   * Where {@code url} points, for messages and {@code Manager.target()}: the scheme and target
   * without credentials or options, and the database ({@code redis://127.0.0.1:6379/0}, {@code
   * redis-cluster://cluster of a:7000,b:7001}, {@code redis-sentinel://mymaster via s1:26379
   * (database 0)}).
   */
  public static String describe(ConnectionString url) {
    String tls = url.tls() ? "s" : "";
    String database = " (database " + url.database() + ")";
    return switch (url.deployment()) {
      case STANDALONE -> "redis" + tls + "://" + url.target() + "/" + url.database();
      case SOCKET -> "redis-socket://" + url.target() + database;
      case SENTINEL -> "redis" + tls + "-sentinel://" + url.target() + database;
      case CLUSTER -> "redis" + tls + "-cluster://" + url.target();
    };
  }
}
