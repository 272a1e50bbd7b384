package dev.mpredis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in everything the command prints, with one fixed mask ({@value #MASK}, never one
 * star per character):
 *
 * <ul>
 *   <li>the password of every URL in the text: {@code redis://user:secret@host} prints as {@code
 *       redis://user:****@host}, {@code redis://secret@host} as {@code redis://****@host};
 *   <li>every secret the command knows of in this run (the password of the connection string, the
 *       values of sensitive inputs), raw and percent-encoded, wherever it appears. Secrets shorter
 *       than {@value #MIN_LITERAL} characters are masked only inside URLs, so that they do not
 *       mangle unrelated text.
 * </ul>
 *
 * <p>Not thread-safe while secrets are added; one instance per command run.
 */
final class Redaction {

  /** What a secret looks like when printed. */
  static final String MASK = "****";

  /** The shortest secret masked wherever it appears. */
  static final int MIN_LITERAL = 4;

  /** scheme://userinfo@ where the user info ends at the last @ before white space or quotes. */
  private static final Pattern URL_USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^\\s\"'<>`]*)@");

  private final Set<String> secrets = new LinkedHashSet<>();

  /** Remembers a secret to mask wherever it appears; null and empty are ignored. */
  void addSecret(String secret) {
    if (secret != null && !secret.isEmpty()) {
      secrets.add(secret);
      secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
      secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    }
  }

  /** Remembers the password of a connection string, if it has one. */
  void addUrl(String url) {
    Urls.password(url).ifPresent(this::addSecret);
    Urls.rawPassword(url).ifPresent(this::addSecret);
  }

  /** The text with every URL password and every known secret masked. */
  String text(String text) {
    if (text == null) {
      return null;
    }
    String masked = maskUrls(text);
    List<String> longestFirst = new ArrayList<>(secrets);
    longestFirst.sort((a, b) -> b.length() - a.length());
    for (String secret : longestFirst) {
      if (secret.length() >= MIN_LITERAL) {
        masked = masked.replace(secret, MASK);
      }
    }
    return masked;
  }

  /** A copy of the JSON tree with every string and field name masked as {@link #text} does. */
  JsonNode tree(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(text(node.textValue()));
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(tree(item)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(text(field.getKey()), tree(field.getValue()));
      }
      return copy;
    }
    return node;
  }

  /** Masks the password part of every URL's user info in the text. */
  static String maskUrls(String text) {
    Matcher matcher = URL_USER_INFO.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String userInfo = matcher.group(2);
      int colon = userInfo.indexOf(':');
      String replacement;
      if (userInfo.isEmpty() || colon == userInfo.length() - 1) {
        replacement = userInfo; // no password
      } else if (colon < 0) {
        replacement = MASK; // user info without a colon is a password
      } else {
        replacement = userInfo.substring(0, colon + 1) + MASK;
      }
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(matcher.group(1) + replacement + "@"));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
