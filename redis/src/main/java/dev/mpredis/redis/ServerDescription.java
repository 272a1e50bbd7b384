package dev.mpredis.redis;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@code server-info} found out about the server a connection talks to. Immutable.
 *
 * @param version the server's version, as INFO reports it ({@code redis_version}), for example
 *     {@code 7.2.4}
 * @param mode how the server runs ({@code redis_mode} of INFO server)
 * @param role what the server is in replication ({@code role} of INFO replication)
 */
public record ServerDescription(String version, Mode mode, Role role) {

  public ServerDescription {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(role, "role");
  }

  /**
   * How the server runs. A master or replica reached through Sentinel runs {@code STANDALONE}, as
   * Redis reports it; {@code SENTINEL} is a Sentinel process itself.
   */
  public enum Mode {
    /** A plain server (also one whose failover Sentinel manages). */
    STANDALONE,
    /** A Sentinel process. */
    SENTINEL,
    /** A node of a Redis Cluster. */
    CLUSTER;

    /**
     * The name INFO uses, and JSON shows: {@code standalone}, {@code sentinel}, {@code cluster}.
     */
    @JsonValue
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the server is in replication. */
  public enum Role {
    /** It takes writes ({@code role:master}). */
    MASTER,
    /** It copies a master ({@code role:slave}) and refuses writes. */
    REPLICA;

    /** The name JSON shows: {@code master}, {@code replica}. */
    @JsonValue
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
