package dev.mpredis.redis.internal;

import dev.mpredis.redis.ConnectionString;
import dev.mpredis.redis.ConnectionString.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The authority of a connection string after its user info: one {@code host[:port]}, or a list of
 * them joined by commas; host names, IPv6 addresses in brackets, ports. Messages name the rule and
 * quote nothing: when the {@code @} after a password is forgotten, the authority holds the
 * password. Stateless.
 */
public final class Hosts {

  private static final String NAME_RULE =
      "a host name may contain only ASCII letters, digits, '-', '.' and '_' (an IPv6 address goes"
          + " in brackets)";

  private static final String IPV6_RULE =
      "between '[' and ']' only an IPv6 address may stand (hex digits, ':' and '.', optionally"
          + " '%' and a zone name)";

  private Hosts() {}

  /**
   * What is wrong with {@code host} as a node's host (a name, or an IPv6 address without brackets),
   * or {@code null} if nothing is.
   */
  public static String problem(String host) {
    if (host.isEmpty()) {
      return "the host must not be empty";
    }
    if (host.indexOf(':') >= 0) {
      return ipv6(host) ? null : IPV6_RULE;
    }
    for (int i = 0; i < host.length(); i++) {
      if (!nameCharacter(host.charAt(i))) {
        return NAME_RULE;
      }
    }
    return null;
  }

  /**
   * Checks a node's parts (the host without brackets).
   *
   * @throws IllegalArgumentException naming the rule the host or port breaks
   */
  public static void check(String host, int port) {
    String problem = problem(host);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the port must be a number from 1 to 65535");
    }
  }

  /**
   * Reads the nodes of {@code authority}: a list joined by commas when {@code list}, else one. An
   * empty authority is {@value ConnectionString#DEFAULT_HOST} at {@code defaultPort}, as is an
   * empty host before a port.
   *
   * @param hint said after the rule when the text might be a password whose {@code @} is missing
   */
  static List<Node> parse(String authority, int defaultPort, boolean list, String hint) {
    if (!list && authority.indexOf(',') >= 0) {
      throw unreadable(
          "a comma lists several hosts, which only redis-sentinel:// and redis-cluster://"
              + " strings do",
          hint);
    }
    if (authority.isEmpty()) {
      return List.of(new Node(ConnectionString.DEFAULT_HOST, defaultPort));
    }
    List<Node> nodes = new ArrayList<>();
    for (String element : authority.split(",", -1)) {
      if (element.isEmpty()) {
        throw unreadable(
            "a host in the list is empty (two commas, or one at the start or the end)", hint);
      }
      nodes.add(node(element, defaultPort, hint));
    }
    return nodes;
  }

  private static Node node(String text, int defaultPort, String hint) {
    String host;
    String portText = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw unreadable("'[' opens an IPv6 address but ']' never closes it", hint);
      }
      host = text.substring(1, close);
      if (!ipv6(host)) {
        throw unreadable(IPV6_RULE, hint);
      }
      String after = text.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw unreadable("after the IPv6 address only ':port' may follow", hint);
        }
        portText = after.substring(1);
      }
    } else {
      int colon = text.indexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      portText = colon < 0 ? null : text.substring(colon + 1);
      host = host.isEmpty() ? ConnectionString.DEFAULT_HOST : host;
      if (problem(host) != null) {
        throw unreadable(NAME_RULE, hint); // no ':' in it: a name
      }
    }
    return new Node(host, portText == null ? defaultPort : port(portText, hint));
  }

  private static int port(String text, String hint) {
    int port = ConnectionStrings.parseInt(text, -1);
    if (port < 1 || port > 65535) {
      boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
      throw unreadable("the port must be a number from 1 to 65535", digits ? "" : hint);
    }
    return port;
  }

  /** A problem in a host or port: the authority is not quoted, it may hold the user info. */
  static MalformedConnectionStringException unreadable(String rule, String hint) {
    return new MalformedConnectionStringException(
        "the authority (user info, host and port) cannot be read: " + rule + hint);
  }

  /** {@code address} or {@code address%zone}: hex digits, ':' and '.', a zone of name chars. */
  private static boolean ipv6(String host) {
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
    return ok;
  }

  private static boolean nameCharacter(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_';
  }
}
