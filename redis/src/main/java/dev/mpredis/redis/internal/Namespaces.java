package dev.mpredis.redis.internal;

/** Key namespaces: validation, prefixing, and the SCAN pattern that matches exactly one. */
public final class Namespaces {

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

  /** The SCAN MATCH pattern for every key under {@code namespace}: its glob characters escaped. */
  public static String scanPattern(String namespace) {
    StringBuilder pattern = new StringBuilder();
    for (char c : namespace.toCharArray()) {
      if ("*?[]\\".indexOf(c) >= 0) {
        pattern.append('\\');
      }
      pattern.append(c);
    }
    return pattern.append('*').toString();
  }
}
