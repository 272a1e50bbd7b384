package dev.mpredis.redis.internal;

import java.time.Duration;

/**
 * Everything a connection string says, parsed and checked. Immutable; its {@code toString} masks
 * the password.
 *
 * @param tls whether to connect with TLS ({@code rediss://})
 * @param host the host name or address (IPv6 without brackets)
 * @param port the TCP port
 * @param database the database index
 * @param username the ACL user name, or {@code null} for the default user
 * @param password the password, or {@code null}
 * @param connectTimeout how long a connection may take to be ready
 * @param commandTimeout how long a command may wait for its reply
 * @param clientName the name set with {@code CLIENT SETNAME}, or {@code null}
 * @param protocol the RESP version (2 or 3), or {@code null} to let the client negotiate
 * @param verifyPeer how TLS verifies the server
 * @param caFile a PEM file of CA certificates to trust instead of the JVM's, or {@code null}
 * @param certFile a PEM client certificate chain for mutual TLS, or {@code null}
 * @param keyFile the PEM (PKCS#8) private key of {@code certFile}, or {@code null}
 * @param namespace the key prefix of every key the manager touches, or {@code null}
 * @param trackLeases whether leases remember the stack trace where they were acquired
 */
public record ConnectionSettings(
    boolean tls,
    String host,
    int port,
    int database,
    String username,
    String password,
    Duration connectTimeout,
    Duration commandTimeout,
    String clientName,
    Integer protocol,
    VerifyPeer verifyPeer,
    String caFile,
    String certFile,
    String keyFile,
    String namespace,
    boolean trackLeases) {

  /** Default host: {@value}. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default port: {@value}. */
  public static final int DEFAULT_PORT = 6379;

  /** Default connect timeout: 10 seconds (Lettuce's socket default). */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default command timeout: 5 seconds (Lettuce's own default is a minute). */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  /** How TLS checks the server's certificate. */
  public enum VerifyPeer {
    /** The chain must lead to a trusted CA and the certificate must name the host (default). */
    FULL,
    /** The chain must lead to a trusted CA; the host name is not checked. */
    CA,
    /** Nothing is checked: encryption without authentication. */
    NONE
  }

  /** {@code host:port}, with brackets around an IPv6 address. */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return "ConnectionSettings["
        + (tls ? "rediss" : "redis")
        + "://"
        + (username == null ? "" : username)
        + (password == null ? "" : ":" + Secrets.MASK)
        + (username == null && password == null ? "" : "@")
        + address()
        + "/"
        + database
        + ", connectTimeout="
        + connectTimeout.toMillis()
        + "ms, commandTimeout="
        + commandTimeout.toMillis()
        + "ms"
        + (clientName == null ? "" : ", clientName=" + clientName)
        + (protocol == null ? "" : ", protocol=" + protocol)
        + (tls ? ", verifyPeer=" + verifyPeer : "")
        + (caFile == null ? "" : ", caFile=" + caFile)
        + (certFile == null ? "" : ", certFile=" + certFile + ", keyFile=" + keyFile)
        + (namespace == null ? "" : ", namespace=" + namespace)
        + "]";
  }
}
