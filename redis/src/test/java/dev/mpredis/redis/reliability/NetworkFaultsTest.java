package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.CacheValue;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.testkit.FaultProxy;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Network faults through the kit's {@link FaultProxy} (RELIABILITY.md §3 F23, F42–F44): a slow
 * link, a reply lost after its request was applied, a request lost before it arrived, a link cut in
 * the middle of a request. Every fault that leaves a timed-out command on the link ends with the
 * link reset, so no later reply can be taken for another (that case, F20/F22, is tested elsewhere).
 */
@Tag("server")
class NetworkFaultsTest {

  static final long TIMEOUT = 500;
  static final String OPTIONS = "?commandTimeout=" + TIMEOUT + "&connectTimeout=" + TIMEOUT;

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  @BeforeAll
  static void warmUp() {
    Call.warmUp(redis.server().uri());
  }

  private static FaultProxy proxy() {
    return FaultProxy.start(redis.server().host(), redis.server().port());
  }

  private static long setCalls() throws IOException {
    String stats = redis.server().command("INFO", "commandstats").toString();
    for (String line : stats.split("\r?\n")) {
      if (line.startsWith("cmdstat_set:calls=")) {
        return Long.parseLong(line.substring(18, line.indexOf(',')));
      }
    }
    return 0;
  }

  @Test
  void f23_slowLink_resultsCorrect_timeoutOnlyWhenTheWholeCallExceedsIt() {
    long timeout = 2_000;
    String value = "slow-".repeat(40);
    try (FaultProxy proxy = proxy();
        Manager manager =
            Redis.createManager(
                    proxy.uri() + "?commandTimeout=" + timeout + "&connectTimeout=" + timeout)
                .orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      proxy.latency(Duration.ofMillis(200)); // each way: 400 ms a round trip
      proxy.slices(1);
      Call<CacheValue.Result> write = Call.of(() -> Redis.cacheValue(lease, "f23", value));
      write.succeeded().within(timeout);
      Call<GetCachedValue.Result<Object>> read = Call.of(() -> Redis.getCachedValue(lease, "f23"));
      read.succeeded().within(timeout);
      assertThat(read.exit()).isEqualTo(new GetCachedValue.Success(value));
      assertThat(read.millis()).as("the round trip really was slow").isGreaterThanOrEqualTo(350);

      proxy.latency(Duration.ofMillis(1_100)); // 2.2 s a round trip: over the timeout
      Call.of(() -> Redis.getCachedValue(lease, "f23"))
          .ended("error", RedisErrorCode.COMMAND_TIMEOUT)
          .within(timeout);

      proxy.passThrough(); // the timeout closed the link: its late reply can reach nobody
      ServerProcessFaultsTest.untilWorks(lease, Duration.ofSeconds(5));
      assertThat(Redis.getCachedValue(lease, "f23")).isEqualTo(new GetCachedValue.Success(value));
    }
  }

  @Test
  void f42_replyLostAfterTheWriteWasApplied_outcomeUnknown_notReplayed_retryIsHarmless()
      throws IOException {
    try (FaultProxy proxy = proxy();
        Manager manager = Redis.createManager(proxy.uri() + OPTIONS).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      redis.server().command("CONFIG", "RESETSTAT");
      proxy.withholdReplies();
      Call<CacheValue.Result> lost = Call.of(() -> Redis.cacheValue(lease, "f42", "once"));
      lost.ended("error", RedisErrorCode.COMMAND_TIMEOUT).within(TIMEOUT);
      assertThat(lost.message()).contains("unknown");
      assertThat(redis.server().command("GET", "f42")).isEqualTo("\"once\"");

      proxy.passThrough();
      proxy.dropAll(); // the link breaks; the manager reconnects
      ServerProcessFaultsTest.untilWorks(lease, Duration.ofSeconds(5));
      assertThat(setCalls()).as("the write ran once: not re-sent after the reconnect").isEqualTo(1);
      Call.of(() -> Redis.cacheValue(lease, "f42", "once")).succeeded().within(TIMEOUT);
      assertThat(Redis.getCachedValue(lease, "f42")).isEqualTo(new GetCachedValue.Success("once"));
    }
  }

  @Test
  void f43_requestDropped_callTimedOut_linkRestored_writeNeverAppliedLater() throws IOException {
    try (FaultProxy proxy = proxy();
        Manager manager = Redis.createManager(proxy.uri() + OPTIONS).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      redis.server().command("CONFIG", "RESETSTAT");
      proxy.blackhole();
      Call.of(() -> Redis.cacheValue(lease, "f43", "zombie"))
          .ended("error", RedisErrorCode.COMMAND_TIMEOUT)
          .within(TIMEOUT);
      proxy.passThrough();
      proxy.dropAll(); // discard + reset: the link comes back fresh
      ServerProcessFaultsTest.untilWorks(lease, Duration.ofSeconds(5));
      Call<GetCachedValue.Result<Object>> read = Call.of(() -> Redis.getCachedValue(lease, "f43"));
      read.within(TIMEOUT);
      assertThat(read.exit()).isInstanceOf(GetCachedValue.NotFound.class);
      assertThat(setCalls()).as("no replay of the timed-out write").isZero();
    }
  }

  @Test
  void f44_linkCutInsideTheWrite_neverAKeyWithoutItsTtl() throws IOException {
    try (FaultProxy proxy = proxy();
        Manager manager = Redis.createManager(proxy.uri() + OPTIONS).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      // SET f44:NN "..." EX 300 is about 60 bytes: cut before, inside and after each part.
      for (int cut = 4; cut <= 64; cut += 6) {
        String key = "f44:" + cut;
        proxy.cutRequestsAfter(cut);
        Call<CacheValue.Result> write =
            Call.of(() -> Redis.cacheValue(lease, key, "v", Duration.ofSeconds(300)));
        write.within(TIMEOUT);
        if (!write.exit().isSuccess()) {
          assertThat(write.code())
              .isIn(Set.of(RedisErrorCode.CONNECTION_LOST, RedisErrorCode.COMMAND_TIMEOUT));
        }
        ServerProcessFaultsTest.untilWorks(lease, Duration.ofSeconds(5));
      }
      @SuppressWarnings("unchecked")
      List<Object> keys = (List<Object>) redis.server().command("KEYS", "f44:*");
      for (Object key : keys) {
        long ttl = (Long) redis.server().command("TTL", key.toString());
        assertThat(ttl).as("TTL of %s", key).isGreaterThan(0);
      }
    }
  }
}
