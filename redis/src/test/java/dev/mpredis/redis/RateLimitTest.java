package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.Outcome;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every exit of {@code rate-limit} and its fixed window, on a real server, from two managers. */
@Tag("server")
class RateLimitTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  private TwoProcesses processes;
  private Manager first, second;
  private Connection one, two;

  @BeforeEach
  void connect() throws IOException {
    processes = TwoProcesses.on(redis.server());
    first = processes.first();
    second = processes.second();
    one = processes.one();
    two = processes.two();
  }

  @AfterEach
  void close() {
    processes.close();
  }

  @Test
  void rateLimit_sharedByTwoProcesses_allowsTheLimitThenDenies() {
    Duration minute = Duration.ofMinutes(1);
    for (int i = 0; i < 5; i++) {
      RateDecision d = Redis.rateLimit(i % 2 == 0 ? one : two, "api", 5, minute).orThrow();
      assertThat(d).isEqualTo(new RateDecision(true, 4 - i, 0));
    }
    RateDecision denied = Redis.rateLimit(two, "api", 5, minute).orThrow();
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.remaining()).isZero();
    assertThat(denied.retryAfter()).isBetween(1L, 60_000L);
  }

  @Test
  void rateLimit_deniedCall_takesNothing() {
    Duration minute = Duration.ofMinutes(1);
    assertThat(Redis.rateLimit(one, "bulk", 5, minute, 3).orThrow().remaining()).isEqualTo(2);
    RateDecision denied = Redis.rateLimit(one, "bulk", 5, minute, 3).orThrow();
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.remaining()).isEqualTo(2);
    assertThat(Redis.rateLimit(one, "bulk", 5, minute, 2).orThrow())
        .isEqualTo(new RateDecision(true, 0, 0));
  }

  @Test
  void rateLimit_nextWindow_allowsAgain() {
    Redis.rateLimit(one, "short", 1, Duration.ofMillis(200)).orThrow();
    assertThat(Redis.rateLimit(one, "short", 1, Duration.ofMillis(200)).orThrow().allowed())
        .isFalse();
    Waits.until(
        "the 200 ms window to end",
        Duration.ofSeconds(10),
        () -> Redis.rateLimit(two, "short", 1, Duration.ofMillis(200)).orThrow().allowed());
  }

  @Test
  void rateLimit_byIdentity_outputShape() {
    Outcome outcome =
        Redis.PACK
            .machine("rate-limit")
            .run(Map.of("connection", one, "name", "dyn", "limit", 2, "window", 1000, "cost", 2));
    assertThat(outcome.exitName()).isEqualTo("success");
    assertThat(outcome.output())
        .isEqualTo(Map.of("allowed", true, "remaining", 0L, "retryAfter", 0L));
  }

  @Test
  void rateLimit_badConnection_andErrors() throws IOException {
    Connection released = Redis.getConnection(first).orThrow();
    Redis.releaseConnection(released).orThrow();
    assertThat(Redis.rateLimit(released, "x", 1, Duration.ofSeconds(1)))
        .isInstanceOf(RateLimit.BadConnection.class);
    redis.server().command("SET", "text", "hello");
    redis.server().command("HSET", "hash", "f", "v");
    assertThat(Redis.rateLimit(one, "text", 1, Duration.ofSeconds(1)))
        .isInstanceOf(RateLimit.Error.class);
    assertThat(Redis.rateLimit(one, "hash", 1, Duration.ofSeconds(1)))
        .isInstanceOf(RateLimit.Error.class);
    assertThat(redis.server().command("GET", "text")).isEqualTo("hello");
    assertInvalid(Redis.rateLimit(one, "x", 0, Duration.ofSeconds(1)), "limit");
    assertInvalid(Redis.rateLimit(one, "x", 3, Duration.ofSeconds(1), 4), "cost");
    assertInvalid(Redis.rateLimit(one, "x", 3, Duration.ZERO), "window");
    assertInvalid(Redis.rateLimit(one, "", 3, Duration.ofSeconds(1)), "name");
  }

  private static void assertInvalid(Exit<?> result, String input) {
    assertThat(result).isInstanceOf(RateLimit.Error.class);
    assertThat(((Exit.Failed) result).error().code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
    assertThat(((Exit.Failed) result).error().message()).contains(input);
  }
}
