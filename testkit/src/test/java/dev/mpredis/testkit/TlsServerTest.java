package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("server")
class TlsServerTest {

  @RegisterExtension
  static final RedisExtension redis = RedisExtension.server(b -> b.tls(true).password("s3cret"));

  private static String ping(RedisServer server, SslOptions ssl) {
    RedisURI uri =
        RedisURI.builder()
            .withHost("127.0.0.1")
            .withPort(server.port())
            .withSsl(true)
            .withVerifyPeer(SslVerifyMode.FULL)
            .withPassword(server.password().map(String::toCharArray).orElse(null))
            .withTimeout(Duration.ofSeconds(5))
            .build();
    RedisClient client = RedisClient.create();
    try {
      client.setOptions(ClientOptions.builder().sslOptions(ssl).build());
      try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
        return connection.sync().ping();
      }
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  /** The TLS handshake failure somewhere in the cause chain (Netty may wrap it), or null. */
  private static SSLHandshakeException handshakeFailure(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof SSLHandshakeException handshake) {
        return handshake;
      }
    }
    return null;
  }

  @Test
  void ping_verifiedWithPemFiles_succeeds() {
    TlsMaterial tls = redis.server().tls();
    SslOptions ssl =
        SslOptions.builder()
            .jdkSslProvider()
            .trustManager(tls.caCertificate().toFile())
            .keyManager(tls.clientCertificate().toFile(), tls.clientKey().toFile(), null)
            .build();
    assertThat(ping(redis.server(), ssl)).isEqualTo("PONG");
  }

  @Test
  void ping_verifiedWithKeyStores_succeeds() {
    TlsMaterial tls = redis.server().tls();
    SslOptions ssl =
        SslOptions.builder()
            .jdkSslProvider()
            .truststore(tls.trustStoreFile().toFile(), new String(tls.storePassword()))
            .keystore(tls.clientKeyStoreFile().toFile(), tls.storePassword())
            .build();
    assertThat(ping(redis.server(), ssl)).isEqualTo("PONG");
  }

  @Test
  void ping_wrongCa_failsVerification() {
    TlsMaterial tls = redis.server().tls();
    SslOptions ssl =
        SslOptions.builder()
            .jdkSslProvider()
            .trustManager(tls.wrongCaCertificate().toFile())
            .keyManager(tls.clientCertificate().toFile(), tls.clientKey().toFile(), null)
            .build();
    assertThatThrownBy(() -> ping(redis.server(), ssl))
        .isInstanceOf(RedisConnectionException.class)
        .satisfies(e -> assertThat(handshakeFailure(e)).hasMessageContaining("PKIX path"));
  }

  @Test
  void ping_noClientCertificateWhenRequired_fails() {
    TlsMaterial tls = redis.server().tls();
    SslOptions ssl =
        SslOptions.builder().jdkSslProvider().trustManager(tls.caCertificate().toFile()).build();
    assertThatThrownBy(() -> ping(redis.server(), ssl))
        .isInstanceOf(RedisConnectionException.class)
        .satisfies(e -> assertThat(handshakeFailure(e)).isNotNull());
  }

  @Test
  void plainClient_isRefusedOnTheTlsPort() {
    assertThatThrownBy(
            () -> {
              try (RespClient client =
                  RespClient.connect("127.0.0.1", redis.server().port(), Duration.ofSeconds(2))) {
                client.command("PING");
              }
            })
        .isInstanceOf(IOException.class);
  }

  @Test
  void endpoints_reportTlsUriAndMaterial() throws IOException {
    RedisServer server = redis.server();
    assertThat(server.uri()).isEqualTo("rediss://127.0.0.1:" + server.port());
    assertThat(server.endpoints().tls()).isPresent();
    assertThat(server.endpoints().toString()).doesNotContain("s3cret").contains("password=****");
    assertThat(Files.readString(server.tls().serverKey())).startsWith("-----BEGIN PRIVATE KEY");
    assertThat(server.command("CONFIG", "GET", "port").toString()).contains("[port, 0]");
  }

  @Test
  void ping_clientCertificateOptional_succeedsWithout() {
    try (RedisServer server = RedisServer.builder().tls(false).start()) {
      SslOptions ssl =
          SslOptions.builder()
              .jdkSslProvider()
              .trustManager(server.tls().caCertificate().toFile())
              .build();
      assertThat(ping(server, ssl)).isEqualTo("PONG");
    }
  }
}
