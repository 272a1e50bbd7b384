package dev.mpredis.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How to reach a started deployment: everything a test needs to build a connection string for it.
 * Immutable and thread-safe; passwords never appear in {@link #toString()}.
 *
 * <ul>
 *   <li>{@link RedisKind#STANDALONE}: {@code addresses} holds the server's TCP address.
 *   <li>{@link RedisKind#SOCKET}: {@code socket} is the unix socket, {@code addresses} is empty.
 *   <li>{@link RedisKind#TLS}: {@code addresses} holds the TLS address, {@code tls} the material;
 *       {@code socket} is present if the server also listens on one.
 *   <li>{@link RedisKind#SENTINEL}: {@code addresses} are the sentinels, {@code masterName} the
 *       monitored master; {@code password} is the data nodes' password, {@code sentinelPassword}
 *       the sentinels' own.
 *   <li>{@link RedisKind#CLUSTER}: {@code addresses} are all nodes (any one is a valid seed).
 * </ul>
 *
 * @param kind the kind of deployment
 * @param addresses the TCP addresses to connect to (see above)
 * @param socket the unix domain socket, for a server listening on one
 * @param tls the certificates and keys, for a TLS server
 * @param masterName the Sentinel master name
 * @param password the password of the default user on data nodes
 * @param sentinelPassword the password of the sentinels themselves
 */
public record RedisEndpoints(
    RedisKind kind,
    List<Address> addresses,
    Optional<Path> socket,
    Optional<TlsMaterial> tls,
    Optional<String> masterName,
    Optional<String> password,
    Optional<String> sentinelPassword) {

  /**
   * A TCP address.
   *
   * @param host the host, always {@code 127.0.0.1} for the kit's servers
   * @param port the port
   */
  public record Address(String host, int port) {
    /**
     * Checks the parts.
     *
     * @throws IllegalArgumentException if the port is not 1..65535
     */
    public Address {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port was " + port + ", must be 1..65535");
      }
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /**
   * Checks that the parts fit the kind.
   *
   * @throws IllegalArgumentException if a part the kind needs is missing, or one it cannot have is
   *     present
   */
  public RedisEndpoints {
    Objects.requireNonNull(kind, "kind");
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(masterName, "masterName");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(sentinelPassword, "sentinelPassword");
    if (kind == RedisKind.SOCKET ? socket.isEmpty() : addresses.isEmpty()) {
      throw new IllegalArgumentException(
          kind + " endpoints need " + (kind == RedisKind.SOCKET ? "a socket" : "an address"));
    }
    if ((kind == RedisKind.TLS) != tls.isPresent()) {
      throw new IllegalArgumentException("TLS material goes with TLS endpoints only, was " + kind);
    }
    if ((kind == RedisKind.SENTINEL) != masterName.isPresent()
        || (kind != RedisKind.SENTINEL && sentinelPassword.isPresent())) {
      throw new IllegalArgumentException(
          "a master name and a sentinel password go with SENTINEL endpoints only, was " + kind);
    }
  }

  /** Endpoints of one server: TLS if it has TLS material, SOCKET if it has no TCP address. */
  static RedisEndpoints server(
      Optional<Address> address,
      Optional<Path> socket,
      Optional<TlsMaterial> tls,
      Optional<String> password) {
    RedisKind kind =
        tls.isPresent()
            ? RedisKind.TLS
            : address.isPresent() ? RedisKind.STANDALONE : RedisKind.SOCKET;
    return new RedisEndpoints(
        kind,
        address.map(List::of).orElse(List.of()),
        socket,
        tls,
        Optional.empty(),
        password,
        Optional.empty());
  }

  /**
   * The connection string of mp-redis's grammar, without the data nodes' password:
   *
   * <ul>
   *   <li>{@link RedisKind#STANDALONE}: {@code redis://127.0.0.1:<port>};
   *   <li>{@link RedisKind#TLS}: {@code rediss://127.0.0.1:<port>} (a client still has to trust
   *       {@link TlsMaterial#caCertificate()});
   *   <li>{@link RedisKind#SOCKET}: {@code redis-socket://<path>};
   *   <li>{@link RedisKind#SENTINEL}: {@code
   *       redis-sentinel://127.0.0.1:<p1>,127.0.0.1:<p2>,...#<masterName>}, with {@code
   *       ?sentinelPassword=<percent-encoded>} before the {@code #} when the sentinels have a
   *       password (a client cannot find the master without it);
   *   <li>{@link RedisKind#CLUSTER}: {@code redis-cluster://127.0.0.1:<p1>,127.0.0.1:<p2>,...},
   *       every node as a seed.
   * </ul>
   *
   * Options go after it as {@code ?name=value}, or {@code &name=value} if it has a {@code ?};
   * {@link #uri(String)} places them right, before a sentinel's {@code #}.
   */
  public String uri() {
    return uri("");
  }

  /**
   * Like {@link #uri()}, with {@code options} ({@code name=value&name=value}, percent-encoded by
   * the caller) in the query, which this method starts with {@code ?} or joins with {@code &}.
   */
  public String uri(String options) {
    return format(false, options);
  }

  /**
   * Like {@link #uri()}, with the data nodes' password as user info ({@code
   * redis://:<percent-encoded>@127.0.0.1:<port>}) when the kit configured one. The result holds a
   * secret: do not print it.
   */
  public String uriWithCredentials() {
    return format(true, "");
  }

  private String format(boolean credentials, String options) {
    StringBuilder uri =
        new StringBuilder(
            switch (kind) {
              case STANDALONE -> "redis://";
              case TLS -> "rediss://";
              case SOCKET -> "redis-socket://";
              case SENTINEL -> "redis-sentinel://";
              case CLUSTER -> "redis-cluster://";
            });
    if (credentials && password.isPresent()) {
      uri.append(':').append(percentEncode(password.get())).append('@');
    }
    uri.append(
        kind == RedisKind.SOCKET
            ? socket.orElseThrow().toString()
            : addresses.stream().map(Address::toString).collect(Collectors.joining(",")));
    StringBuilder query = new StringBuilder();
    sentinelPassword.ifPresent(p -> query.append("sentinelPassword=").append(percentEncode(p)));
    if (!options.isEmpty()) {
      query.append(query.length() == 0 ? "" : "&").append(options);
    }
    if (query.length() > 0) {
      uri.append('?').append(query);
    }
    masterName.ifPresent(name -> uri.append('#').append(name));
    return uri.toString();
  }

  /** Percent-encodes every UTF-8 byte but the unreserved characters of RFC 3986. */
  static String percentEncode(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  @Override
  public String toString() {
    return "RedisEndpoints[kind="
        + kind
        + ", addresses="
        + addresses
        + socket.map(s -> ", socket=" + s).orElse("")
        + tls.map(t -> ", tls=" + t.directory()).orElse("")
        + masterName.map(m -> ", masterName=" + m).orElse("")
        + password.map(p -> ", password=" + Secrets.MASK).orElse("")
        + sentinelPassword.map(p -> ", sentinelPassword=" + Secrets.MASK).orElse("")
        + "]";
  }
}
