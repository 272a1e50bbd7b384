package dev.mpredis.redis;

import dev.mpredis.machine.MachineError;
import java.time.Instant;

/**
 * What {@code onUnexpectedFailure} receives: trouble with a managed connection outside any machine
 * call. Reported once per outage and kind, on a notifier thread of the manager (never an I/O
 * thread, never the caller's).
 *
 * @param kind what happened
 * @param connection which connection, for example {@code shared connection to 127.0.0.1:6379}
 * @param error the classified failure, with its cause when known
 * @param at when it was noticed
 */
public record FailureReport(Kind kind, String connection, MachineError error, Instant at) {

  /** The kinds of unexpected failure. */
  public enum Kind {
    /** An open connection was lost (server crash, network loss); it reconnects on its own. */
    CONNECTION_LOST,
    /** Reconnecting after a loss failed; reported on the first failed attempt of an outage. */
    RECONNECT_FAILED
  }
}
