package dev.mpredis.redis;

import dev.mpredis.machine.ErrorCode;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.StandardErrorCode;
import java.util.Objects;

/**
 * The stable classifications of failures in the Redis pack. Every {@code failed}, {@code
 * badConnection}, {@code malformed}, {@code invalidKeys} and {@code error} report of a Redis
 * machine carries one of these, also for the runtime's own failures (bad inputs on any face, a
 * missed deadline, an unexpected failure: {@link #INVALID_INPUT}, {@link #TIMED_OUT}, {@link
 * #UNEXPECTED}, the namesakes of {@link StandardErrorCode}). So a cast never fails, and a switch
 * without {@code default} covers every error:
 *
 * <pre>{@code
 * switch ((RedisErrorCode) error.code()) { case INVALID_INPUT -> ...; case BAD_PASSWORD -> ...; ... }
 * }</pre>
 *
 * <p>Switch on the codes, never on messages. Immutable and thread-safe.
 */
public enum RedisErrorCode implements ErrorCode {
  /** An input is missing, of the wrong type, unknown, or breaks the input's rule. */
  INVALID_INPUT(StandardErrorCode.INVALID_INPUT.description()),
  /** The machine did not finish within the deadline of its synchronous face. */
  TIMED_OUT(StandardErrorCode.TIMED_OUT.description()),
  /** Anything else: a bug, or a failure nobody classified. The cause says more. */
  UNEXPECTED(StandardErrorCode.UNEXPECTED.description()),
  /** The connection string cannot be parsed, names an unsupported scheme or an unknown option. */
  INVALID_URL("The connection string cannot be parsed, or names an unknown scheme or option."),
  /** The server rejected the credentials (wrong password, unknown or disabled user). */
  BAD_PASSWORD("The server rejected the credentials: wrong password, unknown or disabled user."),
  /** The server requires a password and none was given. */
  PASSWORD_REQUIRED("The server requires a password and none was given."),
  /**
   * The server refused the client before any command: protected mode ({@code -DENIED}) turns away
   * clients from other hosts while no password is set. The message quotes the server's advice.
   */
  PROTECTED_MODE(
      "The server is in protected mode and refused the client (DENIED); the message says how to"
          + " open it."),
  /**
   * The peer does not speak the Redis protocol (an HTTP server, random bytes), or a reply could not
   * be read; the link was closed.
   */
  PROTOCOL_ERROR(
      "The peer is not a Redis server, or a reply could not be read; the link was closed."),
  /** The server has as many clients as {@code maxclients} allows and refused one more. */
  SERVER_FULL("The server has maxclients clients and refused one more."),
  /** Nothing listens at the address. */
  CONNECTION_REFUSED("Nothing listens at the address (connection refused)."),
  /** The host name does not resolve. */
  UNKNOWN_HOST("The host name does not resolve."),
  /** The connection (TCP, TLS and handshake) was not ready within its timeout. */
  CONNECT_TIMEOUT("The connection was not ready within its timeout."),
  /** A command got no reply within the command timeout; whether it was applied is unknown. */
  COMMAND_TIMEOUT("A command got no reply within the command timeout; its outcome is unknown."),
  /** The TLS handshake failed (untrusted certificate, wrong host name, protocol mismatch). */
  TLS_FAILURE("The TLS handshake failed: untrusted certificate, wrong host name, or protocol."),
  /** The TLS material named by the connection string cannot be read. */
  TLS_MATERIAL("The TLS material named by the connection string cannot be read."),
  /** A unix socket was asked for but no Netty native transport for this platform is present. */
  NO_NATIVE_TRANSPORT(
      "A unix socket needs Netty's native transport for this platform and none is installed."),
  /** No sentinel of the connection string answered. */
  SENTINEL_UNAVAILABLE("No sentinel of the connection string answered."),
  /** The sentinels answered but know no master of the name given. */
  MASTER_UNKNOWN("The sentinels know no master of the name given."),
  /**
   * The operation needs one server's connection state, which a cluster connection does not have.
   */
  NOT_ON_CLUSTER(
      "A cluster connection spans several servers and cannot do this (MULTI, WATCH, SELECT, AUTH)."),
  /** The connection to the server is down (lost, or reconnecting); the outcome is unknown. */
  CONNECTION_LOST("The connection to the server is down; a command in flight has unknown outcome."),
  /** The manager was destroyed. */
  MANAGER_DESTROYED("The manager was destroyed."),
  /** The connection was released (or its manager destroyed) and can no longer be used. */
  CONNECTION_RELEASED("The connection was released and can no longer be used."),
  /** The value is not a live connection of this library. */
  NOT_A_CONNECTION("The value is not a connection of this library."),
  /** The operation changes connection state and needs a dedicated connection. */
  DEDICATED_CONNECTION_REQUIRED(
      "The operation changes connection state: ask get-connection for a dedicated connection."),
  /** The manager's limit of dedicated connections is reached. */
  TOO_MANY_CONNECTIONS("The manager's limit of dedicated connections is reached."),
  /** ACL: the user may not run this command or touch this key ({@code NOPERM}). */
  NO_PERMISSION("The user may not run this command or touch this key (NOPERM)."),
  /** The server is a read-only replica ({@code READONLY}). */
  READ_ONLY("The server is a read-only replica (READONLY)."),
  /** The server is at its memory limit ({@code OOM}). */
  OUT_OF_MEMORY("The server is at its memory limit (OOM)."),
  /** The server is loading its dataset ({@code LOADING}). */
  LOADING("The server is loading its dataset (LOADING)."),
  /** The server is busy running a script ({@code BUSY}). */
  BUSY("The server is busy running a script (BUSY)."),
  /** No script has the SHA1 given to EVALSHA ({@code NOSCRIPT}). */
  NO_SCRIPT("No script has the SHA1 given to EVALSHA (NOSCRIPT); load it, or send it with EVAL."),
  /** The server refuses writes after a failed snapshot ({@code MISCONF}). */
  MISCONFIGURED("The server refuses writes after a failed snapshot (MISCONF)."),
  /** The cluster cannot serve the slot ({@code CLUSTERDOWN}, {@code TRYAGAIN}). */
  CLUSTER_DOWN("The cluster cannot serve the slot (CLUSTERDOWN, TRYAGAIN)."),
  /** The key holds a value of another Redis type ({@code WRONGTYPE}). */
  WRONG_TYPE("The key holds a value of another Redis type (WRONGTYPE)."),
  /** Any other error reply of the server. */
  SERVER_ERROR("Another error reply of the server; the message quotes it."),
  /** The stored text is not valid JSON, or is beyond the read limits (size, depth, numbers). */
  VALUE_NOT_JSON(
      "The stored text is not valid JSON, or is beyond the read limits (size, depth, numbers)."),
  /** The stored JSON does not fit the Java type the caller asked for. */
  VALUE_NOT_CONVERTIBLE("The stored JSON does not fit the Java type asked for."),
  /** The value cannot be written as JSON. */
  VALUE_NOT_SERIALIZABLE("The value cannot be written as JSON."),
  /** The caller's function that computes a value threw or failed; nothing was cached. */
  COMPUTE_FAILED("The function that computes the value threw or failed; nothing was cached."),
  /** Another caller held the lock for the whole wait; this call did not get what it waited for. */
  LOCK_WAIT_TIMED_OUT(
      "Another caller held the lock for the whole wait (maxWait); nothing was done by this call.");

  private final String description;

  RedisErrorCode(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }

  /**
   * The Redis code for {@code code}: itself for a Redis code, the namesake for a {@link
   * StandardErrorCode} (for errors that did not come from a Redis machine).
   *
   * @throws IllegalArgumentException if {@code code} is another pack's code
   */
  public static RedisErrorCode of(ErrorCode code) {
    Objects.requireNonNull(code, "code");
    if (code instanceof RedisErrorCode redis) {
      return redis;
    }
    if (code instanceof StandardErrorCode standard) {
      return valueOf(standard.name());
    }
    throw new IllegalArgumentException(
        "code " + code.name() + " (" + code.getClass().getName() + ") is not a Redis code");
  }

  /**
   * The Redis code of {@code error}; see {@link #of(ErrorCode)}.
   *
   * @throws IllegalArgumentException if the error carries another pack's code
   */
  public static RedisErrorCode of(MachineError error) {
    return of(error.code());
  }
}
