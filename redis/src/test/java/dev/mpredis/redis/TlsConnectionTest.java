package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.TlsMaterial;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * rediss:// against a TLS-only server that requires client certificates: the working paths. The
 * failures (F9) are in {@code reliability.TlsFaultsTest}.
 */
@Tag("server")
class TlsConnectionTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.server(b -> b.tls(true));

  static String url(String host, String options) {
    return "rediss://" + host + ":" + redis.server().port() + "?" + options;
  }

  static String clientCertificate() {
    TlsMaterial tls = redis.server().tls();
    return "&certFile=" + tls.clientCertificate() + "&keyFile=" + tls.clientKey();
  }

  static GetConnection.Result connect(String url) {
    try (Manager manager = Redis.createManager(url).orThrow()) {
      GetConnection.Result result = Redis.getConnection(manager, Duration.ofMillis(5000));
      if (result instanceof GetConnection.Success success) {
        Redis.cacheValue(success.connection(), "tls", "works").orThrow();
      }
      return result;
    }
  }

  @Test
  void rediss_verifiesChainAndHostName_byName_andByAddress() {
    String ca = "caFile=" + redis.server().tls().caCertificate();
    assertThat(connect(url("localhost", ca + clientCertificate())))
        .isInstanceOf(GetConnection.Success.class);
    assertThat(connect(url("127.0.0.1", ca + clientCertificate())))
        .isInstanceOf(GetConnection.Success.class);
  }

  @Test
  void rediss_failed_whenClientKeyIsUnreadable() {
    String url =
        url("localhost", "caFile=" + redis.server().tls().caCertificate())
            + "&certFile=/nonexistent.pem&keyFile=/nonexistent.key";
    assertThat(Redis.createManager(url))
        .isInstanceOfSatisfying(
            CreateManager.Failed.class,
            f -> assertThat(f.error().code()).isEqualTo(RedisErrorCode.TLS_MATERIAL));
  }
}
