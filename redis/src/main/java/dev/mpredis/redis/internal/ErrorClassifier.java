package dev.mpredis.redis.internal;

import dev.mpredis.machine.ErrorCode;
import dev.mpredis.machine.Failures;
import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.RedisErrorCode;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.protocol.RedisProtocolException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Maps every failure met under the machines to a {@link MachineError}: the one place that knows
 * Lettuce's exceptions and Redis's error prefixes. Messages are written here, from parts that can
 * hold no secret: the address, the operation, the server's error text.
 */
public final class ErrorClassifier {

  /** Server error prefixes (first word of the reply) and their codes. */
  private static final Map<String, RedisErrorCode> PREFIXES =
      Map.ofEntries(
          Map.entry("WRONGPASS", RedisErrorCode.BAD_PASSWORD),
          Map.entry("NOAUTH", RedisErrorCode.PASSWORD_REQUIRED),
          Map.entry("DENIED", RedisErrorCode.PROTECTED_MODE),
          Map.entry("NOPERM", RedisErrorCode.NO_PERMISSION),
          Map.entry("READONLY", RedisErrorCode.READ_ONLY),
          Map.entry("OOM", RedisErrorCode.OUT_OF_MEMORY),
          Map.entry("LOADING", RedisErrorCode.LOADING),
          Map.entry("BUSY", RedisErrorCode.BUSY),
          Map.entry("NOSCRIPT", RedisErrorCode.NO_SCRIPT),
          Map.entry("MISCONF", RedisErrorCode.MISCONFIGURED),
          Map.entry("CLUSTERDOWN", RedisErrorCode.CLUSTER_DOWN),
          Map.entry("TRYAGAIN", RedisErrorCode.CLUSTER_DOWN),
          Map.entry("MASTERDOWN", RedisErrorCode.CLUSTER_DOWN),
          Map.entry("WRONGTYPE", RedisErrorCode.WRONG_TYPE));

  /** The text of the error a server at {@code maxclients} sends a new client before closing. */
  private static final String MAX_CLIENTS = "ERR max number of clients reached";

  private ErrorClassifier() {}

  /**
   * Classifies a failure of connecting to {@code address}.
   *
   * @param address {@code host:port}, for the message
   */
  public static MachineError connectFailure(Throwable failure, String address) {
    Throwable cause = Failures.unwrap(failure);
    Failures.rethrowIfFatal(cause);
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof RedisCommandExecutionException server) {
        MachineError classified = serverError(server, "connecting to " + address);
        if (classified.code() == RedisErrorCode.SERVER_ERROR
            && server.getMessage() != null
            && server.getMessage().contains("AUTH")) {
          // "ERR AUTH <password> called without any password configured": credentials given to a
          // server that has none are wrong credentials too.
          return MachineError.of(
              RedisErrorCode.BAD_PASSWORD,
              "the server at " + address + " rejected the credentials: " + server.getMessage(),
              cause);
        }
        if (classified.code() == RedisErrorCode.PROTECTED_MODE) {
          return MachineError.of(
              RedisErrorCode.PROTECTED_MODE,
              "the server at "
                  + address
                  + " is in protected mode: it takes clients from other hosts only once a password"
                  + " is set or protected-mode is turned off ("
                  + classified.message()
                  + ")",
              cause);
        }
        return classified;
      }
      if (t instanceof RedisProtocolException) {
        return MachineError.of(
            RedisErrorCode.PROTOCOL_ERROR,
            "could not connect to " + address + ": " + t.getMessage(),
            cause);
      }
      if (t instanceof UnknownHostException) {
        return MachineError.of(
            RedisErrorCode.UNKNOWN_HOST, "the host of " + address + " does not resolve", cause);
      }
      if (t instanceof ConnectException
          && !(t instanceof io.netty.channel.ConnectTimeoutException)) {
        return MachineError.of(
            RedisErrorCode.CONNECTION_REFUSED,
            "connection refused by " + address + " (is redis-server running there?)",
            cause);
      }
      if (t instanceof io.netty.channel.ConnectTimeoutException
          || t instanceof RedisCommandTimeoutException
          || t instanceof java.util.concurrent.TimeoutException) {
        return MachineError.of(
            RedisErrorCode.CONNECT_TIMEOUT,
            "the connection to " + address + " was not ready in time",
            cause);
      }
      if (t instanceof SSLException ssl) {
        return tlsFailure(ssl, address, cause);
      }
    }
    // Neither refused nor timed out nor rejected: the link broke during the handshake.
    return MachineError.of(
        RedisErrorCode.CONNECTION_LOST,
        "could not connect to " + address + ": the connection broke (" + describe(cause) + ")",
        cause);
  }

  /**
   * Classifies a failure of connecting to {@code address} as {@link #connectFailure(Throwable,
   * String)} does, and when the connection merely broke, says what that commonly means for the
   * scheme: a TLS-only port closes a plaintext client ({@code redis://}); a server that requires
   * client certificates may close a TLS client without one.
   *
   * @param tls whether the client spoke TLS ({@code rediss://})
   */
  public static MachineError connectFailure(Throwable failure, String address, boolean tls) {
    MachineError classified = connectFailure(failure, address);
    if (classified.code() != RedisErrorCode.CONNECTION_LOST) {
      return classified;
    }
    String hint =
        tls
            ? "; if the server asks for a client certificate (tls-auth-clients yes), give certFile"
                + " and keyFile"
            : "; a port that speaks only TLS closes a plaintext client like this: if the server"
                + " uses TLS, connect with rediss://";
    return MachineError.of(
        classified.code(), classified.message() + hint, classified.cause().orElse(null));
  }

  /**
   * A failed TLS handshake, told apart by what the JDK and Netty report. Every message says which
   * case it is; the quoted JDK texts hold certificate dates and host names, never credentials.
   */
  private static MachineError tlsFailure(SSLException ssl, String address, Throwable cause) {
    String reason;
    CertificateExpiredException expired = find(ssl, CertificateExpiredException.class);
    CertificateNotYetValidException early = find(ssl, CertificateNotYetValidException.class);
    String message = ssl.getMessage() == null ? "" : ssl.getMessage();
    if (ssl instanceof NotSslRecordException) {
      reason =
          "the server speaks plaintext on this port, not TLS (connect with redis://, or to the"
              + " server's tls-port)";
    } else if (ssl instanceof SslHandshakeTimeoutException) {
      reason =
          "the server did not answer the TLS handshake in time ("
              + message
              + "): it may speak plaintext on this port (then connect with redis://), or be stalled";
    } else if (expired != null) {
      reason = "the server's certificate expired (" + expired.getMessage() + ")";
    } else if (early != null) {
      reason = "the server's certificate is not valid yet (" + early.getMessage() + ")";
    } else if (isHostMismatch(ssl)) {
      reason =
          "the server's certificate does not match the host name ("
              + message
              + "); connect with a name it lists, or lower verifyPeer to ca";
    } else if (find(ssl, CertPathBuilderException.class) != null) {
      reason =
          "the server's certificate is not trusted: no CA of caFile (or of the JVM's trust store"
              + " when caFile is not given) signed it";
    } else if (message.contains("certificate_required") || message.contains("bad_certificate")) {
      reason =
          "the server asked for a client certificate and refused the connection without an"
              + " accepted one ("
              + message
              + "); give certFile and keyFile";
    } else {
      reason = ssl.getClass().getSimpleName() + (message.isEmpty() ? "" : " (" + message + ")");
    }
    return MachineError.of(
        RedisErrorCode.TLS_FAILURE,
        "the TLS handshake with " + address + " failed: " + reason,
        cause);
  }

  /** The JDK's host name check throws a bare CertificateException with one of these texts. */
  private static boolean isHostMismatch(SSLException ssl) {
    for (Throwable t = ssl; t != null; t = t.getCause()) {
      String text = t.getMessage();
      if (t instanceof CertificateException
          && text != null
          && (text.startsWith("No subject alternative") || text.startsWith("No name matching"))) {
        return true;
      }
    }
    return false;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** Classifies a failure of a command run as part of {@code operation}. */
  public static MachineError commandFailure(Throwable failure, String operation) {
    Throwable cause = Failures.unwrap(failure);
    Failures.rethrowIfFatal(cause);
    if (cause instanceof RedisCommandExecutionException server) {
      return serverError(server, operation);
    }
    if (cause instanceof RedisProtocolException) {
      return MachineError.of(
          RedisErrorCode.PROTOCOL_ERROR,
          operation
              + " failed: the reply could not be read ("
              + Text.quote(cause.getMessage())
              + "); whether it was applied is unknown. The connection's link was reset",
          cause);
    }
    if (cause instanceof RedisCommandTimeoutException) {
      return MachineError.of(
          RedisErrorCode.COMMAND_TIMEOUT,
          operation
              + " got no reply in time ("
              + cause.getMessage()
              + "); whether it was applied is unknown. The connection's link was reset so that no"
              + " later reply can be taken for another command",
          cause);
    }
    if (isRejectedUnsent(cause)) {
      return MachineError.of(
          RedisErrorCode.CONNECTION_LOST,
          operation
              + " failed: the connection to the server is down, so the command was not sent (it"
              + " reconnects on its own; retrying is safe)",
          cause);
    }
    if (cause instanceof RedisConnectionException
        || cause instanceof ClosedChannelException
        || cause instanceof java.io.IOException
        || isDisconnected(cause)) {
      return MachineError.of(
          RedisErrorCode.CONNECTION_LOST,
          operation
              + " failed: the connection to the server is down ("
              + describe(cause)
              + "); whether a command in flight was applied is unknown",
          cause);
    }
    return MachineError.of(
        RedisErrorCode.UNEXPECTED, operation + " failed unexpectedly: " + describe(cause), cause);
  }

  /** Lettuce's refusal of a command while the link is down: it was never written. */
  private static boolean isRejectedUnsent(Throwable cause) {
    return cause instanceof RedisException
        && cause.getMessage() != null
        && cause.getMessage().endsWith("Commands are rejected.");
  }

  private static boolean isDisconnected(Throwable cause) {
    if (!(cause instanceof RedisException) || cause.getMessage() == null) {
      return false;
    }
    String message = cause.getMessage().toLowerCase(Locale.ROOT);
    return message.contains("not connected")
        || message.contains("disconnected")
        || message.contains("connection closed")
        || message.contains("connection is closed");
  }

  private static MachineError serverError(RedisCommandExecutionException server, String operation) {
    String text = server.getMessage() == null ? "" : server.getMessage();
    int space = text.indexOf(' ');
    String prefix = space < 0 ? text : text.substring(0, space);
    ErrorCode code =
        text.startsWith(MAX_CLIENTS)
            ? RedisErrorCode.SERVER_FULL
            : PREFIXES.getOrDefault(prefix, RedisErrorCode.SERVER_ERROR);
    // A cluster connection follows redirects itself: one that reaches a caller came to a
    // connection made as to one server.
    String hint =
        prefix.equals("MOVED") || prefix.equals("ASK")
            ? "; the server is a Redis Cluster node: connect with redis-cluster://"
            : "";
    return MachineError.of(
        code, operation + ": the server answered " + Text.quote(text) + hint, server);
  }

  private static String describe(Throwable cause) {
    return cause.getClass().getSimpleName();
  }
}
