package dev.mpredis.redis;

import java.util.List;
import java.util.Optional;

/**
 * The options a connection string takes after {@code ?}, as {@code name=value} pairs joined by
 * {@code &}: each option's name, the other names it answers to, its default, the rule for its value
 * and what it does. This is the one list: the parser knows no other names, and the options table of
 * {@code docs/connection-strings.md} is generated from it. Constants; thread-safe.
 *
 * <p>Names are case-sensitive. Values are percent-decoded (UTF-8); an {@code @}, {@code &}, {@code
 * #} or {@code %} inside a value is written {@code %40}, {@code %26}, {@code %23}, {@code %25}.
 */
public enum ConnectionOption {

  /** The database index; the only way to give it on a unix socket. */
  DATABASE(
      "database",
      List.of("db"),
      "`0`",
      "a whole number, 0 or more (at most 9 digits); only 0 on a cluster",
      "The database the connections use. On `redis-socket://` strings this option is the only way"
          + " to give it; elsewhere the path (`/15`) says the same, and giving both is malformed."),

  /** The name of the master the sentinels watch. */
  MASTER_NAME(
      "masterName",
      List.of("sentinelMasterId"),
      "none: required on `redis-sentinel://`",
      "ASCII letters, digits, `.` `-` `_` (what Sentinel accepts as a master name)",
      "Sentinel only: the master to connect to, as the sentinels name it. The fragment"
          + " (`#mymaster`) says the same, and giving both is malformed."),

  /** The sentinels' own password. Secret. */
  SENTINEL_PASSWORD(
      "sentinelPassword",
      List.of(),
      "none",
      "non-empty; percent-encoded UTF-8",
      "Sentinel only: the password of the sentinels themselves (their `requirepass`); the data"
          + " nodes' user and password stay in the user info. Secret: printed as `****`.",
      true),

  /** How long a connection may take to be ready. */
  CONNECT_TIMEOUT(
      "connectTimeout",
      List.of(),
      "`10s`",
      Rules.DURATION,
      "How long a connection may take to be ready (TCP, TLS). It also bounds the TLS handshake"
          + " alone, so a `rediss://` string pointed at a plaintext port fails after it."),

  /** How long a command may wait for its reply. */
  COMMAND_TIMEOUT(
      "commandTimeout",
      List.of("timeout"),
      "`5s`",
      Rules.DURATION,
      "How long a command waits for its reply (a blocking command run by `send-command`: plus"
          + " the time it asked to block); also bounds the handshake. `timeout` is Lettuce's and"
          + " Spring Boot's name for it."),

  /** The name set with {@code CLIENT SETNAME}. */
  CLIENT_NAME(
      "clientName",
      List.of(),
      "none",
      "non-empty printable ASCII without spaces",
      "The name every connection gives itself with `CLIENT SETNAME`."),

  /** The RESP version. */
  PROTOCOL(
      "protocol",
      List.of(),
      "negotiated",
      "`2` or `3`",
      "The RESP version to speak; by default the client negotiates it."),

  /** How TLS checks the server's certificate. */
  VERIFY_PEER(
      "verifyPeer",
      List.of(),
      "`full`",
      "`full`, `ca` or `none`, in any case (Lettuce writes `FULL`, `CA`, `NONE`)",
      "TLS only: `full` checks the chain, the dates and the host name; `ca` the chain and the"
          + " dates (a certificate for another host is accepted, an expired one is not); `none`"
          + " nothing (any certificate, even expired or from an unknown CA)."),

  /** A PEM file of CA certificates to trust. */
  CA_FILE(
      "caFile",
      List.of(),
      "the JVM's trust store",
      "a file path, non-empty",
      "TLS only: a PEM file of CA certificates to trust; unreadable means `create-manager`"
          + " exits `failed` (`TLS_MATERIAL`)."),

  /** A PEM client certificate chain. */
  CERT_FILE(
      "certFile",
      List.of(),
      "none",
      "a file path, non-empty; only with `keyFile`",
      "TLS only: a PEM client certificate chain, for servers that require client certificates"
          + " (`tls-auth-clients yes`); unreadable means `failed` (`TLS_MATERIAL`)."),

  /** The private key of the client certificate. */
  KEY_FILE(
      "keyFile",
      List.of(),
      "none",
      "a file path, non-empty; only with `certFile`",
      "TLS only: the PEM (PKCS#8) private key of `certFile`."),

  /** The prefix of every key the manager touches. */
  NAMESPACE(
      "namespace",
      List.of(),
      "none",
      "non-empty, with a character other than `* ? [ ] \\ :`",
      "A prefix for every key the manager touches, followed by `:` unless it ends with one:"
          + " `namespace=app1` stores `session:abc` as `app1:session:abc`. `flush-cache` and"
          + " `list-keys` then see only keys under it (SCAN, its glob characters escaped)."),

  /** Whether leases remember where they were acquired. */
  TRACK_LEASES(
      "trackLeases",
      List.of(),
      "`false`",
      "`true` or `false`",
      "`true`: every lease remembers the stack trace where it was acquired"
          + " (`Manager.liveLeases()`), to find leaks; costs a stack trace per lease."),

  /** Whether reads are served from a local near cache kept fresh by the server. */
  NEAR_CACHE(
      "nearCache",
      List.of(),
      "`false`",
      "`true` or `false`; `true` needs RESP3 (not with `protocol=2`) and is refused on a cluster",
      "`true`: `get-cached-value` and `get-cached-values` keep what they read in a bounded local"
          + " store and answer repeated reads from it without a round trip. The server tells the"
          + " manager of every write by any client (`CLIENT TRACKING ON BCAST`, Redis 6+, RESP3),"
          + " which drops the local copy; a lost link clears the store. See"
          + " `docs/near-cache.md` for the guarantee and its measured delay."),

  /** Most entries the near cache holds. */
  NEAR_CACHE_SIZE(
      "nearCacheSize",
      List.of(),
      "`10000`",
      "a whole number from 1 to 100000000; only with `nearCache=true`",
      "The most values the near cache keeps; beyond it the least useful are evicted (Caffeine's"
          + " size bound)."),

  /** The longest a near-cache entry lives. */
  NEAR_CACHE_TTL(
      "nearCacheTtl",
      List.of(),
      "`1m`",
      Rules.DURATION + "; only with `nearCache=true`",
      "The longest a local copy is kept, even when nothing invalidates it; a key's own ttl on"
          + " the server ends its copy sooner.");

  private final String optionName;
  private final List<String> aliases;
  private final String defaultValue;
  private final String rule;
  private final String description;
  private final boolean secret;

  ConnectionOption(
      String optionName,
      List<String> aliases,
      String defaultValue,
      String rule,
      String description) {
    this(optionName, aliases, defaultValue, rule, description, false);
  }

  ConnectionOption(
      String optionName,
      List<String> aliases,
      String defaultValue,
      String rule,
      String description,
      boolean secret) {
    this.optionName = optionName;
    this.aliases = aliases;
    this.defaultValue = defaultValue;
    this.rule = rule;
    this.description = description;
    this.secret = secret;
  }

  /** The name a connection string gives it, and that {@link ConnectionString#format()} writes. */
  public String optionName() {
    return optionName;
  }

  /** Other names it answers to (Lettuce's, Spring Boot's), each meaning exactly the same. */
  public List<String> aliases() {
    return aliases;
  }

  /** The default, as the documentation writes it (Markdown). */
  public String defaultValue() {
    return defaultValue;
  }

  /** What a value must be, as the documentation and the error messages write it (Markdown). */
  public String rule() {
    return rule;
  }

  /** What it does (Markdown). */
  public String description() {
    return description;
  }

  /** Whether its value is a secret: never printed, masked as {@code ****}. */
  public boolean isSecret() {
    return secret;
  }

  /**
   * The option called {@code name} (its name or an alias, case-sensitive).
   *
   * @return empty if no option has that name
   */
  public static Optional<ConnectionOption> named(String name) {
    for (ConnectionOption option : values()) {
      if (option.optionName.equals(name) || option.aliases.contains(name)) {
        return Optional.of(option);
      }
    }
    return Optional.empty();
  }

  /** Rules several options share. */
  private static final class Rules {
    static final String DURATION =
        "a duration from 1ms to 10m: a whole number with unit `ms`, `s` or `m` (`500ms`, `10s`,"
            + " `2m`); a bare number is milliseconds";
  }
}
