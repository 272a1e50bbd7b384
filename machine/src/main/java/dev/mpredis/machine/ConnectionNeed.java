package dev.mpredis.machine;

/**
 * What kind of connection a machine needs, for the runtime and the tools that provide connections.
 * The runtime itself knows no connections: a pack decides what a connection is and enforces the
 * need.
 */
public enum ConnectionNeed {
  /** Any connection the pack hands out, shared or not (or none, for a machine without one). */
  ANY,
  /**
   * A dedicated connection: one not shared with other callers, because the machine changes the
   * connection's state (its identity, its mode) for whoever uses it next.
   */
  DEDICATED
}
