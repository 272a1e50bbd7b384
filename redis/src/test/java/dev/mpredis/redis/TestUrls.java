package dev.mpredis.redis;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds connection strings in tests. */
final class TestUrls {

  private TestUrls() {}

  /** Percent-encodes a user name or password for the user-info part. */
  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
