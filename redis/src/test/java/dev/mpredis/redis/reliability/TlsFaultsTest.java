package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.GetConnection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisServer;
import dev.mpredis.testkit.TlsMaterial;
import dev.mpredis.testkit.TlsServerCertificate;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * F9 of the reliability suite: every way a TLS connection can be wrong fails {@code get-connection}
 * closed, with its own classified report, within the connect timeout + 1 s, and never falls back to
 * plaintext. Then what {@code verifyPeer=ca} and {@code verifyPeer=none} accept on purpose.
 *
 * <p>Four servers for the whole class, all with a password (so a message leaking it would show):
 * TLS requiring client certificates, plain, TLS presenting an expired certificate, and TLS
 * presenting a certificate for another host. The last two are signed by their good CA, so the
 * certificate's one defect is the only reason to refuse it.
 */
@Tag("server")
class TlsFaultsTest {

  private static final String PASSWORD = "F9-canary-Zq7";
  private static final long CONNECT_TIMEOUT_MS = 1000;

  /** Longer than the connect timeout, so the classified failure, not this deadline, ends a call. */
  private static final long GET_CONNECTION_TIMEOUT_MS = 5000;

  private static final Duration BOUND = Duration.ofMillis(CONNECT_TIMEOUT_MS).plusSeconds(1);

  @RegisterExtension
  static final RedisExtension mutual = RedisExtension.server(b -> b.tls(true).password(PASSWORD));

  @RegisterExtension
  static final RedisExtension plain = RedisExtension.server(b -> b.password(PASSWORD));

  @RegisterExtension
  static final RedisExtension expired =
      RedisExtension.server(
          b -> b.tls(false).password(PASSWORD).tlsCertificate(TlsServerCertificate.EXPIRED));

  @RegisterExtension
  static final RedisExtension wrongHost =
      RedisExtension.server(
          b -> b.tls(false).password(PASSWORD).tlsCertificate(TlsServerCertificate.WRONG_HOST));

  /** The F9 cases: what the report must say, in words no other case uses. */
  enum Case {
    PLAINTEXT_CLIENT_TO_TLS_PORT(
        RedisErrorCode.CONNECTION_LOST, "uses TLS, connect with rediss://"),
    TLS_CLIENT_TO_PLAIN_PORT(RedisErrorCode.TLS_FAILURE, "plaintext on this port"),
    UNTRUSTED_CA(RedisErrorCode.TLS_FAILURE, "certificate is not trusted"),
    WRONG_HOST(RedisErrorCode.TLS_FAILURE, "does not match the host name"),
    EXPIRED(RedisErrorCode.TLS_FAILURE, "certificate expired"),
    CLIENT_CERTIFICATE_MISSING(RedisErrorCode.TLS_FAILURE, "client certificate");

    final RedisErrorCode code;
    final String says;

    Case(RedisErrorCode code, String says) {
      this.code = code;
      this.says = says;
    }

    String connectionString() {
      TlsMaterial mtls = mutual.server().tls();
      return switch (this) {
        case PLAINTEXT_CLIENT_TO_TLS_PORT -> url("redis", "localhost", mutual.server(), "");
        case TLS_CLIENT_TO_PLAIN_PORT -> url("rediss", "localhost", plain.server(), "");
        case UNTRUSTED_CA ->
            url(
                    "rediss",
                    "localhost",
                    mutual.server(),
                    caFile(mtls.wrongCaCertificate().toString()))
                + clientCertificate();
        case WRONG_HOST -> url("rediss", "localhost", wrongHost.server(), caFile(wrongHost));
        case EXPIRED -> url("rediss", "localhost", expired.server(), caFile(expired));
        case CLIENT_CERTIFICATE_MISSING ->
            url("rediss", "localhost", mutual.server(), caFile(mutual));
      };
    }
  }

  /** What one {@code get-connection} call yielded, and how long it took. */
  private record Attempt(GetConnection.Result result, Duration elapsed) {
    MachineError error() {
      assertThat(result).isInstanceOf(GetConnection.Failed.class);
      return ((GetConnection.Failed) result).error();
    }

    void succeeded() {
      assertThat(result).isInstanceOf(GetConnection.Success.class);
    }
  }

  private static String url(String scheme, String host, RedisServer server, String options) {
    return scheme
        + "://:"
        + PASSWORD
        + "@"
        + host
        + ":"
        + server.port()
        + "?connectTimeout="
        + CONNECT_TIMEOUT_MS
        + options;
  }

  private static String caFile(RedisExtension server) {
    return caFile(server.server().tls().caCertificate().toString());
  }

  private static String caFile(String path) {
    return "&caFile=" + path;
  }

  private static String clientCertificate() {
    TlsMaterial tls = mutual.server().tls();
    return "&certFile=" + tls.clientCertificate() + "&keyFile=" + tls.clientKey();
  }

  /** One get-connection through a new manager; a lease is used once to prove it works. */
  private static Attempt attempt(String url) {
    try (Manager manager = Redis.createManager(url).orThrow()) {
      long start = System.nanoTime();
      GetConnection.Result result =
          Redis.getConnection(manager, Duration.ofMillis(GET_CONNECTION_TIMEOUT_MS));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (result instanceof GetConnection.Success success) {
        Redis.cacheValue(success.connection(), "f9", "ok").orThrow();
      }
      return new Attempt(result, elapsed);
    }
  }

  /** Everything a report prints: its text and the message of every cause. */
  private static String printed(MachineError error) {
    StringBuilder text = new StringBuilder(error.toString());
    for (Throwable t = error.cause().orElse(null); t != null; t = t.getCause()) {
      text.append('\n').append(t);
    }
    return text.toString();
  }

  /**
   * One good connection first: the JVM's first TLS connection loads and initialises the JSSE and
   * Netty classes (1 to 2.5 s on the shared CI cores), which is no part of the time bound under
   * test.
   */
  @BeforeAll
  static void warmUp() {
    attempt(url("rediss", "localhost", mutual.server(), caFile(mutual) + clientCertificate()))
        .succeeded();
  }

  @ParameterizedTest
  @EnumSource(Case.class)
  void getConnection_fails_distinctlyClassified_inTime_withoutThePassword(Case f9)
      throws IOException {
    plain.server().command("CONFIG", "RESETSTAT");

    Attempt attempt = attempt(f9.connectionString());

    MachineError error = attempt.error();
    assertThat(error.code()).isEqualTo(f9.code);
    assertThat(error.message()).contains(f9.says);
    for (Case other : Case.values()) {
      if (other != f9) {
        assertThat(error.message()).as("says %s", other).doesNotContain(other.says);
      }
    }
    assertThat(printed(error)).doesNotContain(PASSWORD);
    assertThat(attempt.elapsed()).isLessThanOrEqualTo(BOUND);
    // Never a fallback to plaintext: the kit itself sends only AUTH and INFO; a client that fell
    // back after the failed handshake would have sent HELLO or PING.
    assertThat(plain.server().command("INFO", "commandstats").toString())
        .doesNotContain("cmdstat_hello")
        .doesNotContain("cmdstat_ping");
  }

  @Test
  void untrustedCa_withoutCaFile_isNotTrustedByTheJvmTrustStoreEither() {
    String url = url("rediss", "localhost", mutual.server(), clientCertificate());
    assertThat(attempt(url).error().message()).contains(Case.UNTRUSTED_CA.says);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1"})
  void wrongHost_refusedByFullVerification_forANameAndForAnAddress(String host) {
    String url = url("rediss", host, wrongHost.server(), caFile(wrongHost) + "&verifyPeer=full");
    MachineError error = attempt(url).error();
    assertThat(error.code()).isEqualTo(RedisErrorCode.TLS_FAILURE);
    assertThat(error.message()).contains(Case.WRONG_HOST.says).contains(host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ca", "none"})
  void wrongHost_acceptedByVerifyPeerCaAndNone(String verifyPeer) {
    attempt(
            url(
                "rediss",
                "localhost",
                wrongHost.server(),
                caFile(wrongHost) + "&verifyPeer=" + verifyPeer))
        .succeeded();
  }

  /** The JDK checks dates while it builds the chain, so {@code ca} refuses an expired one too. */
  @Test
  void expired_refusedByVerifyPeerCa() {
    MachineError error =
        attempt(url("rediss", "localhost", expired.server(), caFile(expired) + "&verifyPeer=ca"))
            .error();
    assertThat(error.code()).isEqualTo(RedisErrorCode.TLS_FAILURE);
    assertThat(error.message()).contains(Case.EXPIRED.says);
  }

  @Test
  void expired_acceptedByVerifyPeerNone() {
    attempt(url("rediss", "localhost", expired.server(), caFile(expired) + "&verifyPeer=none"))
        .succeeded();
  }

  @Test
  void untrustedCa_refusedByVerifyPeerCa_acceptedByNone() {
    String wrongCa = caFile(mutual.server().tls().wrongCaCertificate().toString());
    MachineError error =
        attempt(
                url(
                    "rediss",
                    "localhost",
                    mutual.server(),
                    wrongCa + "&verifyPeer=ca" + clientCertificate()))
            .error();
    assertThat(error.message()).contains(Case.UNTRUSTED_CA.says);
    attempt(
            url(
                "rediss",
                "localhost",
                mutual.server(),
                wrongCa + "&verifyPeer=none" + clientCertificate()))
        .succeeded();
  }
}
