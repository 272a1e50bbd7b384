package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The faulty certificates a TLS test server can present, seen from a plain JDK client. */
@Tag("server")
class TlsServerCertificateTest {

  @RegisterExtension
  static final RedisExtension expired =
      RedisExtension.server(b -> b.tls(false).tlsCertificate(TlsServerCertificate.EXPIRED));

  @RegisterExtension
  static final RedisExtension wrongHost =
      RedisExtension.server(b -> b.tls(false).tlsCertificate(TlsServerCertificate.WRONG_HOST));

  private static final int TIMEOUT_MS = 5000;

  /** Accepts any server, so the test can look at what it presents. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** The certificate the server presents in a real handshake. */
  private static X509Certificate presented(RedisServer server) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustAll()}, null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress(server.host(), server.port()), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** A handshake trusting only the good CA, verifying the host name as HTTPS does. */
  private static void handshakeVerifyingHost(RedisServer server, String host) throws Exception {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(server.tls().trustStore());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket(host, server.port())) {
      socket.setSoTimeout(TIMEOUT_MS);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
    }
  }

  private static List<String> alternativeNames(X509Certificate certificate)
      throws GeneralSecurityException {
    return Optional.ofNullable(certificate.getSubjectAlternativeNames()).orElse(List.of()).stream()
        .map(name -> (String) name.get(1))
        .toList();
  }

  @Test
  void expired_isPresented_signedByTheCa_withDatesInThePast() throws Exception {
    X509Certificate certificate = presented(expired.server());
    X509Certificate ca = (X509Certificate) expired.server().tls().trustStore().getCertificate("ca");
    assertThat(certificate.getNotAfter()).isBefore(new Date());
    assertThat(certificate.getNotBefore()).isBefore(certificate.getNotAfter());
    assertThat(alternativeNames(certificate)).containsExactlyInAnyOrder("localhost", "127.0.0.1");
    certificate.verify(ca.getPublicKey());
    assertThat(certificate)
        .isEqualTo(expired.server().tls().readServerCertificate(TlsServerCertificate.EXPIRED));
  }

  @Test
  void expired_isRefusedAsExpired_byAClientTrustingTheCa() {
    assertThatThrownBy(() -> handshakeVerifyingHost(expired.server(), "localhost"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasRootCauseInstanceOf(CertificateExpiredException.class);
  }

  @Test
  void wrongHost_isPresented_validNow_forAnotherHostOnly() throws Exception {
    X509Certificate certificate = presented(wrongHost.server());
    certificate.checkValidity();
    assertThat(alternativeNames(certificate))
        .containsExactlyInAnyOrder(TlsMaterial.WRONG_HOST_NAME, TlsMaterial.WRONG_HOST_ADDRESS);
    assertThat(certificate.getSubjectX500Principal().getName())
        .isEqualTo("CN=" + TlsMaterial.WRONG_HOST_NAME);
    assertThat(certificate)
        .isEqualTo(wrongHost.server().tls().readServerCertificate(TlsServerCertificate.WRONG_HOST));
  }

  @Test
  void wrongHost_isRefusedForLocalhostAndLoopback_byAClientVerifyingHostNames() {
    for (String host : List.of("localhost", "127.0.0.1")) {
      assertThatThrownBy(() -> handshakeVerifyingHost(wrongHost.server(), host))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("No subject alternative");
    }
  }

  @Test
  void kitAdministration_stillWorks_withAFaultyCertificate() throws IOException {
    assertThat(expired.server().command("PING")).isEqualTo("PONG");
    assertThat(wrongHost.server().command("PING")).isEqualTo("PONG");
  }

  @Test
  void tlsCertificate_withoutTls_isRejected() {
    assertThatThrownBy(
            () -> RedisServerConfig.builder().tlsCertificate(TlsServerCertificate.EXPIRED).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "tlsCertificate was set to EXPIRED, which needs a TLS server: call tls(boolean) too");
  }
}
