package dev.mpredis.redis.internal;

import dev.mpredis.redis.ConnectionString;
import java.util.Locale;

/**
 * Parses and writes connection strings. The grammar:
 *
 * <pre>
 * redis://[[username]:password@]host[:port][/database][?option=value[&amp;option=value]...]
 * rediss://...   the same, over TLS
 * </pre>
 *
 * <ul>
 *   <li>Defaults: host {@code 127.0.0.1}, port {@code 6379}, database {@code 0}; {@code redis://}
 *       alone is valid. A host name is ASCII letters, digits, {@code - . _}; an IPv6 host is
 *       written in brackets: {@code redis://[::1]:6379}.
 *   <li>User name and password are percent-decoded (UTF-8). User info without a colon is a password
 *       ({@code redis://secret@host}), as redis-cli and Lettuce read it. The user info ends at the
 *       last {@code @}, so a password may contain raw {@code @ / ? #}; an {@code @} in a username
 *       or inside an option value must be written {@code %40}.
 *   <li>Options (names case-sensitive, each at most once, values percent-decoded):
 *       <ul>
 *         <li>{@code connectTimeout}: milliseconds a connection may take to be ready (default
 *             10000);
 *         <li>{@code commandTimeout}: milliseconds a command may wait for its reply (default 5000);
 *         <li>{@code clientName}: name given with {@code CLIENT SETNAME} (no spaces);
 *         <li>{@code protocol}: RESP version {@code 2} or {@code 3} (default: negotiated);
 *         <li>{@code verifyPeer}: {@code full} (default), {@code ca} or {@code none}; TLS only;
 *         <li>{@code caFile}: path of a PEM file of CA certificates to trust instead of the JVM's
 *             trust store; TLS only;
 *         <li>{@code certFile} and {@code keyFile}: a PEM client certificate chain and its PEM
 *             (PKCS#8) private key, for servers that require client certificates; TLS only, both or
 *             neither;
 *         <li>{@code namespace}: prefix of every key the manager touches, for example {@code app1:}
 *             (non-empty, no glob characters alone);
 *         <li>{@code trackLeases}: {@code true} to remember where each lease was acquired (costs a
 *             stack trace per lease; default {@code false}).
 *       </ul>
 *   <li>Anything else is malformed: an unknown scheme or option, a port outside 1..65535, a
 *       database that is not a non-negative integer, a fragment, a bad percent-encoding.
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

  private ConnectionStrings() {}

  /**
   * Parses a connection string.
   *
   * @throws MalformedConnectionStringException naming the part that is wrong
   */
  public static ConnectionString parse(String url) {
    if (url == null) {
      throw new MalformedConnectionStringException("the connection string is missing");
    }
    if (url.length() > MAX_LENGTH) {
      throw new MalformedConnectionStringException(
          "the connection string is longer than " + MAX_LENGTH + " characters");
    }
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      throw new MalformedConnectionStringException(
          "the connection string must start with redis:// or rediss://");
    }
    String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    boolean tls;
    switch (scheme) {
      case "redis" -> tls = false;
      case "rediss" -> tls = true;
      default ->
          throw new MalformedConnectionStringException(
              "the scheme is not supported; supported schemes: redis, rediss");
    }
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
          throw new MalformedConnectionStringException(
              "the user info cannot be read: a raw '@' in the username, or after the password,"
                  + " must be written %40");
        }
        username = user.isEmpty() ? null : PercentEncoding.decode(user, "username");
        password = PercentEncoding.decode(userInfo.substring(colon + 1), "password");
      }
      if (password != null && password.isEmpty()) {
        password = null;
      }
    }
    if (rest.indexOf('#') >= 0) {
      throw new MalformedConnectionStringException(
          "the connection string must not have a fragment (#...)");
    }
    String query = null;
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);

    // Without an '@' the authority may be "user:password" + host with the '@' forgotten.
    String hint = at < 0 ? "; is an '@' missing after the password?" : "";
    String host = ConnectionString.DEFAULT_HOST;
    int port = ConnectionString.DEFAULT_PORT;
    String portText = null;
    boolean bracketed = false;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw unreadableAuthority("'[' opens an IPv6 address but ']' never closes it", hint);
      }
      host = authority.substring(1, close);
      bracketed = true;
      String after = authority.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw unreadableAuthority("after the IPv6 address only ':port' may follow", hint);
        }
        portText = after.substring(1);
      }
    } else {
      int colon = authority.indexOf(':');
      String hostText = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
      if (!hostText.isEmpty()) {
        host = hostText;
      }
    }
    checkHost(host, bracketed, hint);
    if (portText != null) {
      port = parsePort(portText, hint);
    }
    int database = parseDatabase(path);

    ConnectionOptions settings =
        new ConnectionOptions(
            ConnectionString.builder()
                .standalone(host, port)
                .tls(tls)
                .database(database)
                .username(username)
                .password(password));
    if (query != null && !query.isEmpty()) {
      settings.apply(query);
    }
    return settings.build();
  }

  /** A problem in host or port: the authority is not quoted, it may hold the user info. */
  private static MalformedConnectionStringException unreadableAuthority(String rule, String hint) {
    return new MalformedConnectionStringException(
        "the authority (user info, host and port) cannot be read: " + rule + hint);
  }

  private static void checkHost(String host, boolean bracketed, String hint) {
    if (host.isEmpty()) {
      throw unreadableAuthority("the host must not be empty", hint);
    }
    if (bracketed) {
      checkIpv6(host, hint);
      return;
    }
    for (int i = 0; i < host.length(); i++) {
      if (!nameCharacter(host.charAt(i))) {
        throw unreadableAuthority(
            "a host name may contain only ASCII letters, digits, '-', '.' and '_' (an IPv6"
                + " address goes in brackets)",
            hint);
      }
    }
  }

  /** {@code [address]} or {@code [address%zone]}: hex digits, ':' and '.', a zone of name chars. */
  private static void checkIpv6(String host, String hint) {
    int percent = host.indexOf('%');
    String address = percent < 0 ? host : host.substring(0, percent);
    String zone = percent < 0 ? null : host.substring(percent + 1);
    boolean ok = address.indexOf(':') >= 0 && (zone == null || !zone.isEmpty());
    for (int i = 0; ok && i < address.length(); i++) {
      char c = address.charAt(i);
      ok = Character.digit(c, 16) >= 0 && c < 0x80 || c == ':' || c == '.';
    }
    for (int i = 0; ok && zone != null && i < zone.length(); i++) {
      ok = nameCharacter(zone.charAt(i));
    }
    if (!ok) {
      throw unreadableAuthority(
          "between '[' and ']' only an IPv6 address may stand (hex digits, ':' and '.',"
              + " optionally '%' and a zone name)",
          hint);
    }
  }

  private static boolean nameCharacter(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_';
  }

  private static int parsePort(String text, String hint) {
    int port = parseInt(text, -1);
    if (port < 1 || port > 65535) {
      boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
      throw unreadableAuthority("the port must be a number from 1 to 65535", digits ? "" : hint);
    }
    return port;
  }

  private static int parseDatabase(String path) {
    if (path.isEmpty()) {
      return 0;
    }
    int database = parseInt(path, -1);
    if (database < 0) {
      throw new MalformedConnectionStringException(
          "the database (the path /<db>) must be a non-negative integer");
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
   * Writes a connection string that {@link #parse(String)} reads back to the same values:
   * credentials are percent-encoded, an IPv6 host is bracketed, the database is written when given.
   */
  public static String format(
      boolean tls, String host, int port, String username, String password, Integer database) {
    StringBuilder url = new StringBuilder(tls ? "rediss://" : "redis://");
    if (username != null || password != null) {
      if (username != null) {
        url.append(PercentEncoding.encode(username));
      }
      url.append(':');
      if (password != null) {
        url.append(PercentEncoding.encode(password));
      }
      url.append('@');
    }
    url.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port);
    if (database != null) {
      url.append('/').append(database);
    }
    return url.toString();
  }

  /**
   * Writes {@code url} back as a connection string: the scheme of its deployment, the user info,
   * the nodes or socket, the database when not 0, every option that is not its default, and a
   * sentinel's master name; with {@code masked}, each password is {@link Secrets#MASK}.
   */
  public static String format(ConnectionString url, boolean masked) {
    StringBuilder text = new StringBuilder();
    text.append(
        switch (url.deployment()) {
          case STANDALONE -> url.tls() ? "rediss" : "redis";
          case SOCKET -> "redis-socket";
          case SENTINEL -> url.tls() ? "rediss-sentinel" : "redis-sentinel";
          case CLUSTER -> url.tls() ? "rediss-cluster" : "redis-cluster";
        });
    text.append("://");
    if (url.username().isPresent() || url.password().isPresent()) {
      url.username().ifPresent(name -> text.append(PercentEncoding.encode(name)));
      text.append(':');
      url.password()
          .ifPresent(
              password -> text.append(masked ? Secrets.MASK : PercentEncoding.encode(password)));
      text.append('@');
    }
    if (url.deployment() == ConnectionString.Deployment.SOCKET) {
      text.append(url.socket().orElseThrow());
    } else {
      for (int i = 0; i < url.nodes().size(); i++) {
        text.append(i == 0 ? "" : ",").append(url.nodes().get(i));
      }
    }
    if (url.database() != 0 && url.deployment() != ConnectionString.Deployment.SOCKET) {
      text.append('/').append(url.database());
    }
    java.util.List<String> options = new java.util.ArrayList<>();
    if (url.deployment() == ConnectionString.Deployment.SOCKET && url.database() != 0) {
      options.add("database=" + url.database());
    }
    if (!url.connectTimeout().equals(ConnectionString.DEFAULT_CONNECT_TIMEOUT)) {
      options.add("connectTimeout=" + url.connectTimeout().toMillis());
    }
    if (!url.commandTimeout().equals(ConnectionString.DEFAULT_COMMAND_TIMEOUT)) {
      options.add("commandTimeout=" + url.commandTimeout().toMillis());
    }
    url.clientName().ifPresent(name -> options.add("clientName=" + PercentEncoding.encode(name)));
    url.protocol().ifPresent(version -> options.add("protocol=" + version));
    if (url.verifyPeer() != ConnectionString.VerifyPeer.FULL) {
      options.add("verifyPeer=" + url.verifyPeer().name().toLowerCase(Locale.ROOT));
    }
    url.caFile().ifPresent(file -> options.add("caFile=" + PercentEncoding.encode(file)));
    url.certFile().ifPresent(file -> options.add("certFile=" + PercentEncoding.encode(file)));
    url.keyFile().ifPresent(file -> options.add("keyFile=" + PercentEncoding.encode(file)));
    url.namespace().ifPresent(name -> options.add("namespace=" + PercentEncoding.encode(name)));
    if (url.trackLeases()) {
      options.add("trackLeases=true");
    }
    url.sentinelPassword()
        .ifPresent(
            password ->
                options.add(
                    "sentinelPassword="
                        + (masked ? Secrets.MASK : PercentEncoding.encode(password))));
    if (!options.isEmpty()) {
      text.append('?').append(String.join("&", options));
    }
    url.masterName().ifPresent(name -> text.append('#').append(PercentEncoding.encode(name)));
    return text.toString();
  }
}
