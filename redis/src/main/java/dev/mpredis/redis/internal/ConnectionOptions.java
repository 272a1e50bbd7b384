package dev.mpredis.redis.internal;

import dev.mpredis.redis.ConnectionOption;
import dev.mpredis.redis.ConnectionString.VerifyPeer;
import dev.mpredis.redis.ConnectionStringBuilder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The options of one connection string's query ({@code name=value} pairs joined by {@code &}), read
 * by the names {@link ConnectionOption} declares and converted to the builder's types. The rules on
 * converted values and on combinations are {@link ConnectionStringBuilder#build()}'s. One per
 * parse.
 *
 * <p>Messages quote only our own names, never a value or a name as given: when the {@code @} after
 * a password is forgotten, the query may be password text.
 */
final class ConnectionOptions {

  private static final String USE_TLS_SCHEME =
      "TLS is chosen by the scheme: write rediss:// (or rediss-sentinel://, rediss-cluster://)";

  private static final String USE_USER_INFO =
      "credentials go in the user info (redis://user:password@host, percent-encoded); the"
          + " sentinels' own password is option 'sentinelPassword'";

  private static final String USE_MASTER_NAME =
      "the master name is the fragment (#mymaster) or option 'masterName'";

  /**
   * A name another client (Spring Boot, Redisson, redis-py) uses for something we say differently,
   * and what to write instead.
   */
  record Foreign(String name, String instead) {

    /** The message for a string that uses it. */
    String message() {
      return "'" + name + "' is not an option: " + instead;
    }
  }

  /**
   * The foreign names we know, matched in their {@link #normalized} form. (Names that differ from
   * ours only in case, {@code -}, {@code _} or {@code .} get a "did you mean" instead.)
   */
  static final List<Foreign> FOREIGN =
      List.of(
          new Foreign("ssl", USE_TLS_SCHEME),
          new Foreign("ssl.enabled", USE_TLS_SCHEME),
          new Foreign("tls", USE_TLS_SCHEME),
          new Foreign("password", USE_USER_INFO),
          new Foreign("username", USE_USER_INFO),
          new Foreign("user", USE_USER_INFO),
          new Foreign("master", USE_MASTER_NAME),
          new Foreign("sentinel.master", USE_MASTER_NAME),
          new Foreign(
              "sentinelUsername",
              "not supported: the sentinels are reached as their default user, with option"
                  + " 'sentinelPassword'"));

  private final Map<ConnectionOption, String> values = new EnumMap<>(ConnectionOption.class);

  private ConnectionOptions() {}

  /**
   * Reads {@code query} ({@code null} or empty: no options): known names, each option at most once
   * (under any of its names), values percent-decoded.
   *
   * @throws MalformedConnectionStringException naming what is wrong
   */
  static ConnectionOptions read(String query) {
    ConnectionOptions options = new ConnectionOptions();
    if (query == null || query.isEmpty()) {
      return options;
    }
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new MalformedConnectionStringException("each option must be written name=value");
      }
      String name = pair.substring(0, eq);
      ConnectionOption option = ConnectionOption.named(name).orElseThrow(() -> unknown(name));
      String value = PercentEncoding.decode(pair.substring(eq + 1), "option " + quoted(option));
      if (options.values.put(option, value) != null) {
        throw new MalformedConnectionStringException(
            "option "
                + quoted(option)
                + " is given twice"
                + (option.aliases().isEmpty()
                    ? ""
                    : " (its other names: " + String.join(", ", option.aliases()) + ")"));
      }
    }
    return options;
  }

  /** The decoded value of {@code option}, if given. */
  Optional<String> value(ConnectionOption option) {
    return Optional.ofNullable(values.get(option));
  }

  /**
   * Sets every option given on {@code builder} but {@link ConnectionOption#DATABASE} and {@link
   * ConnectionOption#MASTER_NAME}, which the parser weighs against the path and the fragment.
   */
  void applyTo(ConnectionStringBuilder builder) {
    for (Map.Entry<ConnectionOption, String> given : values.entrySet()) {
      ConnectionOption option = given.getKey();
      String value = given.getValue();
      ConnectionStringBuilder unused =
          switch (option) {
            case DATABASE, MASTER_NAME, CERT_FILE, KEY_FILE -> builder;
            case SENTINEL_PASSWORD -> builder.sentinelPassword(value);
            case CONNECT_TIMEOUT -> builder.connectTimeout(duration(option, value));
            case COMMAND_TIMEOUT -> builder.commandTimeout(duration(option, value));
            case CLIENT_NAME -> builder.clientName(value);
            case PROTOCOL -> builder.protocol(oneOf(option, value, "2", "3").equals("2") ? 2 : 3);
            case VERIFY_PEER -> builder.verifyPeer(verifyPeer(value));
            case CA_FILE -> builder.caFile(value);
            case NAMESPACE -> builder.namespace(value);
            case TRACK_LEASES ->
                builder.trackLeases(oneOf(option, value, "true", "false").equals("true"));
            case NEAR_CACHE ->
                builder.nearCache(oneOf(option, value, "true", "false").equals("true"));
            case NEAR_CACHE_SIZE -> builder.nearCacheSize(nearCacheSize(value));
            case NEAR_CACHE_TTL -> builder.nearCacheTtl(duration(option, value));
          };
    }
    if (values.containsKey(ConnectionOption.CERT_FILE)
        || values.containsKey(ConnectionOption.KEY_FILE)) {
      builder.clientCertificate(
          values.get(ConnectionOption.CERT_FILE), values.get(ConnectionOption.KEY_FILE));
    }
  }

  private static int nearCacheSize(String value) {
    int size = ConnectionStrings.parseInt(value, -1);
    if (size < 1 || size > ConnectionRules.MAX_NEAR_CACHE_SIZE) {
      throw mustBe(ConnectionOption.NEAR_CACHE_SIZE);
    }
    return size;
  }

  /** A database index: a whole number of at most 9 digits, or -1. */
  static int database(String text) {
    return ConnectionStrings.parseInt(text, -1);
  }

  /** {@code option}'s value read as a duration: digits, then {@code ms}, {@code s} or {@code m}. */
  static Duration duration(ConnectionOption option, String value) {
    int digits = 0;
    while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
      digits++;
    }
    long amount = ConnectionStrings.parseInt(value.substring(0, digits), -1);
    long unit =
        switch (value.substring(digits)) {
          case "", "ms" -> 1;
          case "s" -> 1000;
          case "m" -> 60_000;
          default -> -1;
        };
    long millis = amount * unit;
    if (amount < 0 || unit < 0 || millis < 1 || millis > 600_000) {
      throw mustBe(option);
    }
    return Duration.ofMillis(millis);
  }

  /** {@code value} written back as {@link #duration} reads it: the largest unit that fits. */
  static String duration(Duration value) {
    long millis = value.toMillis();
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static VerifyPeer verifyPeer(String value) {
    for (VerifyPeer mode : VerifyPeer.values()) {
      if (mode.name().equalsIgnoreCase(value)) {
        return mode;
      }
    }
    throw mustBe(ConnectionOption.VERIFY_PEER);
  }

  private static String oneOf(ConnectionOption option, String value, String... allowed) {
    for (String candidate : allowed) {
      if (candidate.equals(value)) {
        return candidate;
      }
    }
    throw mustBe(option);
  }

  /** "option 'x' must be " and its rule, as the documentation states it. */
  static MalformedConnectionStringException mustBe(ConnectionOption option) {
    return new MalformedConnectionStringException(
        "option " + quoted(option) + " must be " + option.rule().replace("`", ""));
  }

  static String quoted(ConnectionOption option) {
    return "'" + option.optionName() + "'";
  }

  /** An unknown name: what to write instead when we know, never the name as given. */
  private static MalformedConnectionStringException unknown(String name) {
    String normalized = normalized(name);
    for (Foreign foreign : FOREIGN) {
      if (normalized(foreign.name()).equals(normalized)) {
        return new MalformedConnectionStringException(foreign.message());
      }
    }
    TreeSet<String> known = new TreeSet<>();
    for (ConnectionOption option : ConnectionOption.values()) {
      known.add(option.optionName());
      for (String alias : option.aliases()) {
        if (normalized(alias).equals(normalized)) {
          return didYouMean(alias);
        }
      }
      if (normalized(option.optionName()).equals(normalized)) {
        return didYouMean(option.optionName());
      }
    }
    return new MalformedConnectionStringException(
        "an option name is unknown (names are case-sensitive); known options: " + known);
  }

  private static MalformedConnectionStringException didYouMean(String ours) {
    return new MalformedConnectionStringException(
        "an option name is unknown (names are case-sensitive): did you mean '" + ours + "'?");
  }

  /** Lower case without {@code - _ .}: Spring Boot's and redis-py's spellings meet ours. */
  static String normalized(String name) {
    StringBuilder text = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (c != '-' && c != '_' && c != '.') {
        text.append(c);
      }
    }
    return text.toString().toLowerCase(Locale.ROOT);
  }
}
