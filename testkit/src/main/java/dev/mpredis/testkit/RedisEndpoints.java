package dev.mpredis.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How to reach a started topology: everything a test needs to build a connection string for it.
 * Immutable and thread-safe; passwords never appear in {@link #toString()}.
 *
 * <ul>
 *   <li>{@link Kind#STANDALONE}: one server; {@code addresses} holds its TCP (or TLS) address, or
 *       is empty when it listens only on the unix socket {@code socket}; {@code tls} is present for
 *       a TLS server.
 *   <li>{@link Kind#SENTINEL}: {@code addresses} are the sentinels, {@code masterName} the
 *       monitored master; {@code password} is the data nodes' password, {@code sentinelPassword}
 *       the sentinels' own.
 *   <li>{@link Kind#CLUSTER}: {@code addresses} are all nodes (any one is a valid seed).
 * </ul>
 *
 * @param kind the kind of topology
 * @param addresses the TCP addresses to connect to (see above)
 * @param socket the unix domain socket, for a standalone server listening on one
 * @param tls the certificates and keys, for a TLS server
 * @param masterName the Sentinel master name
 * @param password the password of the default user on data nodes
 * @param sentinelPassword the password of the sentinels themselves
 */
public record RedisEndpoints(
    Kind kind,
    List<Address> addresses,
    Optional<Path> socket,
    Optional<TlsMaterial> tls,
    Optional<String> masterName,
    Optional<String> password,
    Optional<String> sentinelPassword) {

  /** The kinds of topology. */
  public enum Kind {
    STANDALONE,
    SENTINEL,
    CLUSTER
  }

  /**
   * A TCP address.
   *
   * @param host the host, always {@code 127.0.0.1} for the kit's servers
   * @param port the port
   */
  public record Address(String host, int port) {
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

  public RedisEndpoints {
    Objects.requireNonNull(kind, "kind");
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(masterName, "masterName");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(sentinelPassword, "sentinelPassword");
    if (addresses.isEmpty() && socket.isEmpty()) {
      throw new IllegalArgumentException("endpoints need at least one address or a socket");
    }
    if (kind == Kind.SENTINEL && masterName.isEmpty()) {
      throw new IllegalArgumentException("sentinel endpoints need a master name");
    }
  }

  /** Endpoints of one server. */
  static RedisEndpoints standalone(
      Optional<Address> address,
      Optional<Path> socket,
      Optional<TlsMaterial> tls,
      Optional<String> password) {
    return new RedisEndpoints(
        Kind.STANDALONE,
        address.map(List::of).orElse(List.of()),
        socket,
        tls,
        Optional.empty(),
        password,
        Optional.empty());
  }

  /**
   * A connection string without credentials, in the form Lettuce's {@code RedisURI.create} reads:
   *
   * <ul>
   *   <li>standalone: {@code redis://127.0.0.1:<port>}, {@code rediss://127.0.0.1:<port>} with TLS,
   *       or {@code redis-socket://<path>} for a socket-only server;
   *   <li>Sentinel: {@code redis-sentinel://127.0.0.1:<p1>,127.0.0.1:<p2>,...#<masterName>};
   *   <li>Cluster: {@code redis://} of the first node, which is enough as a seed; {@link
   *       #addresses()} has the others.
   * </ul>
   */
  public String uri() {
    return switch (kind) {
      case STANDALONE ->
          addresses.isEmpty()
              ? "redis-socket://" + socket.orElseThrow()
              : (tls.isPresent() ? "rediss://" : "redis://") + addresses.get(0);
      case SENTINEL ->
          "redis-sentinel://"
              + addresses.stream().map(Address::toString).collect(Collectors.joining(","))
              + "#"
              + masterName.orElseThrow();
      case CLUSTER -> "redis://" + addresses.get(0);
    };
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
