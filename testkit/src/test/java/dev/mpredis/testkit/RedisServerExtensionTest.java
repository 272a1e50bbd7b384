package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("server")
class RedisServerExtensionTest {

  @RegisterExtension
  static final RedisServerExtension redis = RedisServerExtension.create(b -> b.password("s3cret"));

  @Test
  void server_isSharedAndInjected(RedisServer injected) throws IOException {
    assertThat(injected).isSameAs(redis.server());
    assertThat(injected.password()).contains("s3cret");
    assertThat(injected.command("PING")).isEqualTo("PONG");
  }
}
