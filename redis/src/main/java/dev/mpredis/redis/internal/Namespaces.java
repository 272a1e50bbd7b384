package dev.mpredis.redis.internal;

/** Key namespaces: validation, the prefix, and the SCAN pattern that matches exactly one. */
public final class Namespaces {

  /** The separator put after a namespace that does not end with it. */
  public static final char SEPARATOR = ':';

  private Namespaces() {}

  /**
   * Checks a namespace: it must be non-empty and contain at least one character that is not a glob
   * character or ':' (a namespace of only those could match, or look like it matches, everything).
   *
   * @throws MalformedConnectionStringException if it does not
   */
  public static String check(String namespace) {
    if (namespace.isEmpty() || namespace.chars().allMatch(c -> "*?[]\\:".indexOf(c) >= 0)) {
      throw new MalformedConnectionStringException(
          "option 'namespace' must contain a character other than * ? [ ] \\ and :");
    }
    return namespace;
  }

  /**
   * The key prefix of {@code namespace}: checked, then followed by {@value #SEPARATOR} unless it
   * ends with one ({@code app1} and {@code app1:} both give {@code app1:}).
   *
   * @throws MalformedConnectionStringException if it is no namespace ({@link #check(String)})
   */
  public static String prefix(String namespace) {
    check(namespace);
    return namespace.charAt(namespace.length() - 1) == SEPARATOR
        ? namespace
        : namespace + SEPARATOR;
  }

  /** The SCAN MATCH pattern for every key under {@code namespace}: its glob characters escaped. */
  public static String scanPattern(String namespace) {
    return escaped(namespace) + '*';
  }

  /**
   * The SCAN MATCH pattern for the keys matching {@code pattern} within {@code namespace} ({@code
   * null}: none): the namespace's glob characters escaped, the pattern's own left to the caller.
   */
  public static String scanPattern(String namespace, String pattern) {
    return namespace == null ? pattern : escaped(namespace) + pattern;
  }

  /** {@code text} as a glob pattern that matches only itself: {@code * ? [ ] \} escaped. */
  static String escaped(String text) {
    StringBuilder pattern = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("*?[]\\".indexOf(c) >= 0) {
        pattern.append('\\');
      }
      pattern.append(c);
    }
    return pattern.toString();
  }
}
