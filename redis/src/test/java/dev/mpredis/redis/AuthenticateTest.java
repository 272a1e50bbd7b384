package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.RedisExtension;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("server")
class AuthenticateTest {

  @RegisterExtension
  static final RedisExtension redis =
      RedisExtension.server(b -> b.user(AclUser.readOnly("reader", "reader-pw")));

  static Manager manager;

  @BeforeAll
  static void create() {
    manager = Redis.createManager(redis.server().uri()).orThrow();
  }

  @AfterAll
  static void destroy() {
    manager.close();
  }

  @Test
  void authenticate_success_onDedicatedConnection_changesOnlyThatConnection() throws IOException {
    try (Connection dedicated =
            Redis.getDedicatedConnection(manager, Duration.ofMillis(2000)).orThrow();
        Connection shared = Redis.getConnection(manager).orThrow()) {
      assertThat(Redis.authenticate(dedicated, "reader", "reader-pw"))
          .isInstanceOf(Authenticate.Success.class);
      assertThat(Redis.cacheValue(dedicated, "k", 1))
          .isInstanceOfSatisfying(
              CacheValue.Error.class,
              e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.NO_PERMISSION));
      assertThat(Redis.cacheValue(shared, "k", 1)).isInstanceOf(CacheValue.Success.class);
    }
  }

  @Test
  void authenticate_failed_wrongPassword_neverEchoed() {
    try (Connection dedicated =
        Redis.getDedicatedConnection(manager, Duration.ofMillis(2000)).orThrow()) {
      assertThat(Redis.authenticate(dedicated, "reader", "not-the-pw"))
          .isInstanceOfSatisfying(
              Authenticate.Failed.class,
              f -> {
                assertThat(f.error().code()).isEqualTo(RedisErrorCode.BAD_PASSWORD);
                assertThat(f.error().message()).doesNotContain("not-the-pw");
              });
    }
  }

  @Test
  void authenticate_failed_onSharedConnection() {
    try (Connection shared = Redis.getConnection(manager).orThrow()) {
      assertThat(Redis.authenticate(shared, "reader", "reader-pw"))
          .isInstanceOfSatisfying(
              Authenticate.Failed.class,
              f -> {
                assertThat(f.error().code())
                    .isEqualTo(RedisErrorCode.DEDICATED_CONNECTION_REQUIRED);
                assertThat(f.error().message()).contains("dedicated");
              });
    }
  }

  @Test
  void authenticate_error_whenPasswordMissing() {
    try (Connection shared = Redis.getConnection(manager).orThrow()) {
      assertThat(Redis.authenticate(shared, null)).isInstanceOf(Authenticate.Error.class);
    }
  }
}
