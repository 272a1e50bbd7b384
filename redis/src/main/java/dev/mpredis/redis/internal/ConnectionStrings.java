package dev.mpredis.redis.internal;

import dev.mpredis.redis.internal.ConnectionSettings.VerifyPeer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

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

  private static final Set<String> OPTIONS =
      Set.of(
          "connectTimeout",
          "commandTimeout",
          "clientName",
          "protocol",
          "verifyPeer",
          "caFile",
          "certFile",
          "keyFile",
          "namespace",
          "trackLeases");

  private ConnectionStrings() {}

  /**
   * Parses a connection string.
   *
   * @throws MalformedConnectionStringException naming the part that is wrong
   */
  public static ConnectionSettings parse(String url) {
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
        password = decode(userInfo, "password");
      } else {
        String user = userInfo.substring(0, colon);
        if (user.indexOf('@') >= 0) {
          // Either the name holds a raw '@' or one after the password (in an option value, say)
          // moved the end of the user info: then this "name" would be password text, and printed.
          throw new MalformedConnectionStringException(
              "the user info cannot be read: a raw '@' in the username, or after the password,"
                  + " must be written %40");
        }
        username = user.isEmpty() ? null : decode(user, "username");
        password = decode(userInfo.substring(colon + 1), "password");
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
    String host = ConnectionSettings.DEFAULT_HOST;
    int port = ConnectionSettings.DEFAULT_PORT;
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

    Builder settings = new Builder(tls, host, port, database, username, password);
    if (query != null && !query.isEmpty()) {
      applyOptions(query, settings);
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

  private static int parseInt(String text, int invalid) {
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

  private static void applyOptions(String query, Builder settings) {
    Set<String> seen = new HashSet<>();
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new MalformedConnectionStringException("each option must be written name=value");
      }
      String name = pair.substring(0, eq);
      if (!OPTIONS.contains(name)) {
        throw new MalformedConnectionStringException(
            "an option name is unknown (names are case-sensitive); known options: "
                + new java.util.TreeSet<>(OPTIONS));
      }
      String value = decode(pair.substring(eq + 1), "option " + Text.quote(name));
      if (!seen.add(name)) {
        throw new MalformedConnectionStringException(
            "option " + Text.quote(name) + " is given twice");
      }
      settings.option(name, value);
    }
    boolean tlsOption =
        seen.contains("verifyPeer")
            || seen.contains("caFile")
            || seen.contains("certFile")
            || seen.contains("keyFile");
    if (!settings.tls && tlsOption) {
      throw new MalformedConnectionStringException(
          "options 'verifyPeer', 'caFile', 'certFile' and 'keyFile' only apply to rediss:// (TLS)"
              + " connection strings");
    }
    if (seen.contains("certFile") != seen.contains("keyFile")) {
      throw new MalformedConnectionStringException(
          "options 'certFile' and 'keyFile' go together: give both or neither");
    }
  }

  /** Percent-decodes {@code text} as UTF-8; never quotes it in a message (it may be secret). */
  private static String decode(String text, String part) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()
            || Character.digit(text.charAt(i + 1), 16) < 0
            || Character.digit(text.charAt(i + 2), 16) < 0) {
          throw new MalformedConnectionStringException(
              part
                  + " has an invalid percent-encoding (each % must be followed by two hex digits)");
        }
        bytes.write(
            Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else {
        int end = text.indexOf('%', i);
        end = end < 0 ? text.length() : end;
        bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8)); // whole pairs
        i = end - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedConnectionStringException(part + " is not valid UTF-8 once decoded");
    }
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
        url.append(encode(username));
      }
      url.append(':');
      if (password != null) {
        url.append(encode(password));
      }
      url.append('@');
    }
    url.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port);
    if (database != null) {
      url.append('/').append(database);
    }
    return url.toString();
  }

  /** Percent-encodes everything but RFC 3986's unreserved characters. */
  static String encode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        encoded.append((char) c);
      } else {
        encoded
            .append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }

  /** Collects parsed parts and options. */
  private static final class Builder {
    private final boolean tls;
    private final String host;
    private final int port;
    private final int database;
    private final String username;
    private final String password;
    private Duration connectTimeout = ConnectionSettings.DEFAULT_CONNECT_TIMEOUT;
    private Duration commandTimeout = ConnectionSettings.DEFAULT_COMMAND_TIMEOUT;
    private String clientName;
    private Integer protocol;
    private VerifyPeer verifyPeer = VerifyPeer.FULL;
    private String caFile;
    private String certFile;
    private String keyFile;
    private String namespace;
    private boolean trackLeases;

    Builder(boolean tls, String host, int port, int database, String username, String password) {
      this.tls = tls;
      this.host = host;
      this.port = port;
      this.database = database;
      this.username = username;
      this.password = password;
    }

    void option(String name, String value) {
      switch (name) {
        case "connectTimeout" -> connectTimeout = millis(name, value);
        case "commandTimeout" -> commandTimeout = millis(name, value);
        case "clientName" -> {
          if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new MalformedConnectionStringException(
                "option 'clientName' must be non-empty printable ASCII without spaces");
          }
          clientName = value;
        }
        case "protocol" -> {
          if (!value.equals("2") && !value.equals("3")) {
            throw new MalformedConnectionStringException("option 'protocol' must be 2 or 3");
          }
          protocol = Integer.parseInt(value);
        }
        case "verifyPeer" -> {
          try {
            verifyPeer = VerifyPeer.valueOf(value.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            throw new MalformedConnectionStringException(
                "option 'verifyPeer' must be full, ca or none");
          }
        }
        case "caFile" -> caFile = path(name, value);
        case "certFile" -> certFile = path(name, value);
        case "keyFile" -> keyFile = path(name, value);
        case "namespace" -> namespace = Namespaces.check(value);
        case "trackLeases" -> {
          if (!value.equals("true") && !value.equals("false")) {
            throw new MalformedConnectionStringException(
                "option 'trackLeases' must be true or false");
          }
          trackLeases = Boolean.parseBoolean(value);
        }
        default -> throw new IllegalStateException("option list and switch disagree: " + name);
      }
    }

    private static String path(String name, String value) {
      if (value.isEmpty()) {
        throw new MalformedConnectionStringException(
            "option " + Text.quote(name) + " must not be empty");
      }
      return value;
    }

    private static Duration millis(String name, String value) {
      int millis = parseInt(value, -1);
      if (millis < 1 || millis > 600_000) {
        throw new MalformedConnectionStringException(
            "option "
                + Text.quote(name)
                + " must be a whole number of milliseconds from 1 to 600000");
      }
      return Duration.ofMillis(millis);
    }

    ConnectionSettings build() {
      return new ConnectionSettings(
          tls,
          host,
          port,
          database,
          username,
          password,
          connectTimeout,
          commandTimeout,
          clientName,
          protocol,
          verifyPeer,
          caFile,
          certFile,
          keyFile,
          namespace,
          trackLeases);
    }
  }
}
