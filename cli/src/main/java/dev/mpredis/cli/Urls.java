package dev.mpredis.cli;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The user-info part of connection strings, as the grammar reads it ({@code
 * docs/connection-strings.md}): {@code scheme://[[username]:password@]host...}, where the user info
 * ends at the last {@code @} and user info without a colon is a password. Stateless.
 */
final class Urls {

  /** Where the command connects when nothing else is given. */
  static final String DEFAULT_URL = "redis://127.0.0.1:6379";

  private Urls() {}

  /** The password as written in the URL (maybe percent-encoded), if it has a non-empty one. */
  static Optional<String> rawPassword(String url) {
    String userInfo = userInfo(url);
    if (userInfo == null) {
      return Optional.empty();
    }
    int colon = userInfo.indexOf(':');
    String password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
    return password.isEmpty() ? Optional.empty() : Optional.of(password);
  }

  /** The decoded password, if the URL has one (the raw text when it does not decode). */
  static Optional<String> password(String url) {
    return rawPassword(url).map(Urls::decode);
  }

  /** Whether the URL carries a password. */
  static boolean hasPassword(String url) {
    return rawPassword(url).isPresent();
  }

  /**
   * The URL with {@code password} (percent-encoded) in its user info, keeping a user name.
   *
   * @throws IllegalArgumentException if the URL has no scheme or already has a password
   */
  static String withPassword(String url, String password) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      throw new IllegalArgumentException("the connection string has no scheme (redis://...)");
    }
    if (hasPassword(url)) {
      throw new IllegalArgumentException("the connection string has a password already");
    }
    String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
    int start = schemeEnd + 3;
    String userInfo = userInfo(url);
    if (userInfo == null) {
      return url.substring(0, start) + ":" + encoded + "@" + url.substring(start);
    }
    String user = userInfo.endsWith(":") ? userInfo : userInfo + ":";
    return url.substring(0, start) + user + encoded + url.substring(start + userInfo.length());
  }

  private static String userInfo(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return null;
    }
    int at = url.lastIndexOf('@');
    return at < schemeEnd + 3 ? null : url.substring(schemeEnd + 3, at);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
