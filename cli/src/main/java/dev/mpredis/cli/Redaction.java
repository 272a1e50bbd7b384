package dev.mpredis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpredis.redis.ConnectionString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Masks secrets in everything the command prints, with one fixed mask ({@value #MASK}, never one
 * star per character). Connection strings are read by {@link ConnectionString}, the one parser of
 * user info, never by a pattern:
 *
 * <ul>
 *   <li>a connection string the command met (an option, a file, {@code REDIS_URL}, an input, an
 *       argument) prints as {@link ConnectionString#toString()}, its passwords masked; one that
 *       does not parse prints as {@value #MASK} whole, as any part of it may be a password;
 *   <li>a printed text that is a connection string as a whole (the URL {@code
 *       create-connection-url} returns) prints the same way;
 *   <li>every secret the command knows of in this run (the passwords of those strings, the values
 *       of sensitive inputs), raw and percent-encoded, is masked wherever it appears. Secrets
 *       shorter than {@value #MIN_LITERAL} characters are masked only inside connection strings, so
 *       that they do not mangle unrelated text.
 * </ul>
 *
 * <p>Not thread-safe while secrets are added; one instance per command run.
 */
final class Redaction {

  /** What a secret looks like when printed. */
  static final String MASK = "****";

  /** The shortest secret masked wherever it appears. */
  static final int MIN_LITERAL = 4;

  private final Set<String> secrets = new LinkedHashSet<>();

  /** Connection strings as given, and how they print. */
  private final Map<String, String> shown = new LinkedHashMap<>();

  /** Remembers a secret to mask wherever it appears; null and empty are ignored. */
  void addSecret(String secret) {
    if (secret != null && !secret.isEmpty()) {
      secrets.add(secret);
      secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
      secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    }
  }

  /**
   * Remembers a connection string: its passwords become secrets, and the string prints masked
   * wherever it appears (whole, if it does not parse).
   */
  void addUrl(String url) {
    Optional<ConnectionString> parsed = parse(url);
    parsed.flatMap(ConnectionString::password).ifPresent(this::addSecret);
    parsed.flatMap(ConnectionString::sentinelPassword).ifPresent(this::addSecret);
    shown.put(url, parsed.map(ConnectionString::toString).orElse(MASK));
  }

  /**
   * Remembers a command-line argument that holds a connection string ({@code --url=redis://...},
   * {@code connectionString=redis://...}, or the string alone): from its scheme to its end.
   */
  void addArgument(String argument) {
    int schemeEnd = argument.indexOf("://");
    if (schemeEnd < 0) {
      return;
    }
    int start = schemeEnd;
    while (start > 0 && schemeCharacter(argument.charAt(start - 1))) {
      start--;
    }
    addUrl(argument.substring(start));
  }

  /** Whether {@code url} holds a password: when it does not parse, whether it has an '@'. */
  static boolean hasPassword(String url) {
    return parse(url)
        .map(c -> c.password().isPresent() || c.sentinelPassword().isPresent())
        .orElse(url.indexOf('@') >= 0);
  }

  /** The text with every connection string and every known secret masked. */
  String text(String text) {
    if (text == null) {
      return null;
    }
    boolean oneWord = text.chars().noneMatch(Character::isWhitespace);
    String masked =
        oneWord && text.contains("://")
            ? parse(text).map(ConnectionString::toString).orElse(text)
            : text;
    List<String> longestFirst = new ArrayList<>(shown.keySet());
    longestFirst.sort((a, b) -> b.length() - a.length());
    for (String url : longestFirst) {
      masked = masked.replace(url, shown.get(url));
    }
    longestFirst = new ArrayList<>(secrets);
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

  private static Optional<ConnectionString> parse(String url) {
    try {
      return Optional.of(ConnectionString.parse(url));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // its message names a rule, never a password; nothing to keep
    }
  }

  /** RFC 3986: a scheme is letters, digits, {@code + - .}. */
  private static boolean schemeCharacter(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '-'
        || c == '.';
  }
}
