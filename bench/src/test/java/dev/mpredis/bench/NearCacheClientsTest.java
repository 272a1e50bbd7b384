package dev.mpredis.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every W4 adapter that the default run would measure on this server serves, within the deadline,
 * what it wrote over a value its near cache held (the check each fork makes before measuring), and
 * stores plain JSON.
 */
@Tag("server")
class NearCacheClientsTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  private static Endpoint endpoint;

  @BeforeAll
  static void prefill() {
    BenchServer.of(redis.server()).prefillIfMissing();
    endpoint = new Endpoint(redis.server().host(), redis.server().port());
  }

  @ParameterizedTest
  @EnumSource(NearCacheClients.class)
  void write_isSeenByTheNextReads(NearCacheClients kind) throws Exception {
    if (!NearCacheClients.defaultRun(redis.server().binary().version()).contains(kind.id())) {
      // Left out of the default run on this server (Jedis's client-side cache needs Redis 7.4):
      // the client itself refuses, which is why.
      assertThatThrownBy(
              () -> {
                try (NearCacheBenchClient client = kind.open(endpoint)) {
                  NearCacheSession.checkReadsItsWrite(kind.id(), client);
                }
              })
          .hasStackTraceContaining("7.4");
      return;
    }
    try (NearCacheBenchClient client = kind.open(endpoint)) {
      NearCacheSession.checkReadsItsWrite(kind.id(), client);

      Payload written = client.read(Dataset.hotKey(0));
      String stored = (String) redis.server().command("GET", Dataset.hotKey(0));
      assertThat(Dataset.MAPPER.readTree(stored))
          .isEqualTo(Dataset.MAPPER.readTree(Dataset.toJson(written)));
      assertThat(client.read(Dataset.hotKey(Dataset.HOT_COUNT - 1))).isNotNull();
    }
  }
}
