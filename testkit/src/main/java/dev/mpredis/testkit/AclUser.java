package dev.mpredis.testkit;

import java.util.Objects;

/**
 * An ACL user a test server is started with: {@code user <name> on ><password> <rules>}.
 *
 * @param name the user name
 * @param password the user's password (never printed by the kit)
 * @param rules ACL rules, for example {@code ~* &* +@all}
 */
public record AclUser(String name, String password, String rules) {

  public AclUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(rules, "rules");
    if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "ACL user name '" + name + "' must be non-empty, no spaces");
    }
  }

  /** A user allowed every command on every key and channel. */
  public static AclUser full(String name, String password) {
    return new AclUser(name, password, "~* &* +@all");
  }

  /** A user allowed only read commands (and connection commands such as PING) on every key. */
  public static AclUser readOnly(String name, String password) {
    return new AclUser(name, password, "~* &* +@read +@connection");
  }

  /** A user allowed every command, but only on keys matching the glob {@code keyPattern}. */
  public static AclUser keyPattern(String name, String password, String keyPattern) {
    return new AclUser(name, password, "~" + keyPattern + " &* +@all");
  }

  @Override
  public String toString() {
    return "AclUser[name=" + name + ", password=" + Secrets.MASK + ", rules=" + rules + "]";
  }
}
