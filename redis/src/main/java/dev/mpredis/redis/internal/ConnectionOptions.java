package dev.mpredis.redis.internal;

import dev.mpredis.redis.ConnectionString;
import dev.mpredis.redis.ConnectionString.VerifyPeer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The parts of a connection string parsed so far, and its options: checks each option and its
 * combinations, then builds the {@link ConnectionString}. One per parse.
 */
final class ConnectionOptions {

  /** The option names a connection string may carry. */
  private static final Set<String> NAMES =
      Set.of(
          "connectTimeout",
          "commandTimeout",
          "clientName",
          "protocol",
          "verifyPeer",
          "caFile",
          "certFile",
          "keyFile",
          "namespace",
          "trackLeases");

  private final ConnectionString.Builder builder;
  private String certFile;
  private String keyFile;

  ConnectionOptions(ConnectionString.Builder builder) {
    this.builder = builder;
  }

  private void option(String name, String value) {
    switch (name) {
      case "connectTimeout" -> builder.connectTimeout(millis(name, value));
      case "commandTimeout" -> builder.commandTimeout(millis(name, value));
      case "clientName" -> {
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c > '~')) {
          throw new MalformedConnectionStringException(
              "option 'clientName' must be non-empty printable ASCII without spaces");
        }
        builder.clientName(value);
      }
      case "protocol" -> {
        if (!value.equals("2") && !value.equals("3")) {
          throw new MalformedConnectionStringException("option 'protocol' must be 2 or 3");
        }
        builder.protocol(Integer.parseInt(value));
      }
      case "verifyPeer" -> {
        try {
          builder.verifyPeer(VerifyPeer.valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new MalformedConnectionStringException(
              "option 'verifyPeer' must be full, ca or none");
        }
      }
      case "caFile" -> builder.caFile(path(name, value));
      case "certFile" -> certFile = path(name, value);
      case "keyFile" -> keyFile = path(name, value);
      case "namespace" -> builder.namespace(Namespaces.check(value));
      case "trackLeases" -> {
        if (!value.equals("true") && !value.equals("false")) {
          throw new MalformedConnectionStringException(
              "option 'trackLeases' must be true or false");
        }
        builder.trackLeases(Boolean.parseBoolean(value));
      }
      default -> throw new IllegalStateException("option list and switch disagree: " + name);
    }
  }

  private static String path(String name, String value) {
    if (value.isEmpty()) {
      throw new MalformedConnectionStringException(
          "option " + Text.quote(name) + " must not be empty");
    }
    return value;
  }

  private static Duration millis(String name, String value) {
    int millis = ConnectionStrings.parseInt(value, -1);
    if (millis < 1 || millis > 600_000) {
      throw new MalformedConnectionStringException(
          "option "
              + Text.quote(name)
              + " must be a whole number of milliseconds from 1 to 600000");
    }
    return Duration.ofMillis(millis);
  }

  ConnectionString build() {
    builder.clientCertificate(certFile, keyFile);
    return builder.build();
  }

  /** Reads the options of a connection string's query (name=value pairs joined by {@code &}). */
  void apply(String query) {
    Set<String> seen = new HashSet<>();
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new MalformedConnectionStringException("each option must be written name=value");
      }
      String name = pair.substring(0, eq);
      if (!NAMES.contains(name)) {
        throw new MalformedConnectionStringException(
            "an option name is unknown (names are case-sensitive); known options: "
                + new java.util.TreeSet<>(NAMES));
      }
      String value = PercentEncoding.decode(pair.substring(eq + 1), "option " + Text.quote(name));
      if (!seen.add(name)) {
        throw new MalformedConnectionStringException(
            "option " + Text.quote(name) + " is given twice");
      }
      option(name, value);
    }
  }
}
