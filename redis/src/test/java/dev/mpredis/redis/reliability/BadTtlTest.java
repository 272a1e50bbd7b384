package dev.mpredis.redis.reliability;

import static dev.mpredis.redis.reliability.ServerWatch.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.Outcome;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.redis.internal.Checks;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RELIABILITY.md §4, B18: ttl in cache-value and cache-values (the machines with a ttl). */
@Tag("server")
class BadTtlTest extends OnePackServer {

  @BeforeEach
  void seed() {
    watch.command("FLUSHALL");
    watch.command("SET", "kept", "1", "EX", "1000");
  }

  @Test
  void b18_ttlZeroOrAbsent_meansNoExpiry() {
    Redis.cacheValue(connection, "zero", 1, Duration.ofSeconds(0)).orThrow();
    Redis.cacheValue(connection, "absent", 1).orThrow();
    Redis.cacheValues(connection, Map.of("many", 1), Duration.ofSeconds(0)).orThrow();
    assertThat(watch.command("TTL", "zero")).isEqualTo(-1L);
    assertThat(watch.command("TTL", "absent")).isEqualTo(-1L);
    assertThat(watch.command("TTL", "many")).isEqualTo(-1L);
  }

  @Test
  void b18_ttlAtTheBound_isStored_onePast_isRefusedQuotingTheValue() {
    long max = Checks.MAX_TTL_SECONDS;
    assertThat(max).isEqualTo(3_153_600_000L);
    Redis.cacheValue(connection, "one", 1, Duration.ofSeconds(max)).orThrow();
    Redis.cacheValues(connection, Map.of("many", 1), Duration.ofSeconds(max)).orThrow();
    assertThat((Long) watch.command("TTL", "one")).isBetween(max - 10, max);
    assertThat((Long) watch.command("TTL", "many")).isBetween(max - 10, max);
    Redis.cacheValue(connection, "shortest", 1, Duration.ofSeconds(1)).orThrow();
    assertThat((Long) watch.command("PTTL", "shortest")).isBetween(1L, 1000L);
    for (long bad : List.of(max + 1, 100_000_000_000_000L, Long.MAX_VALUE, -1L, Long.MIN_VALUE)) {
      assertRefusedEverywhere(bad, String.valueOf(bad));
    }
  }

  @Test
  void b18_durationWithAFractionOfASecond_isRefusedNeverRounded() {
    List<Duration> bad =
        List.of(
            Duration.ofMillis(500),
            Duration.ofMillis(1500),
            Duration.ofNanos(1),
            Duration.ofMillis(-500));
    for (Duration ttl : bad) {
      assertRefused(
          watch.unchanged(() -> Redis.cacheValue(connection, "k", 1, ttl)),
          "error",
          RedisErrorCode.INVALID_INPUT,
          "'ttl'",
          ttl.toString(),
          "whole number of seconds");
      assertRefused(
          watch.unchanged(() -> Redis.cacheValues(connection, Map.of("k", 1), ttl)),
          "error",
          RedisErrorCode.INVALID_INPUT,
          "'ttl'",
          ttl.toString(),
          "whole number of seconds");
    }
    Redis.cacheValue(connection, "hour", 1, Duration.ofHours(1)).orThrow();
    assertThat((Long) watch.command("TTL", "hour")).isBetween(3590L, 3600L);
    Redis.cacheValue(connection, "none", 1, null).orThrow();
    Redis.cacheValues(connection, Map.of("nones", 1), null).orThrow();
    assertThat(watch.command("TTL", "none")).isEqualTo(-1L);
    assertThat(watch.command("TTL", "nones")).isEqualTo(-1L);
  }

  private static void assertRefusedEverywhere(long ttl, String quoted) {
    assertRefused(
        watch.unchanged(() -> Redis.cacheValue(connection, "k", 1, Duration.ofSeconds(ttl))),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'ttl'",
        quoted,
        "3153600000");
    assertRefused(
        watch.unchanged(
            () -> Redis.cacheValues(connection, Map.of("k", 1), Duration.ofSeconds(ttl))),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'ttl'",
        quoted,
        "3153600000");
  }

  @Test
  void b18_fractionalNanAndOverflowingTtl_fromDynamicInputs_areRefusedNamingTtl() {
    List<Object> bad =
        List.of(
            1.5,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            "ten",
            1e30,
            new java.math.BigInteger("9".repeat(30)));
    for (Object ttl : bad) {
      for (String machine : List.of("cache-value", "cache-values")) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("connection", connection);
        inputs.put("ttl", ttl);
        if (machine.equals("cache-value")) {
          inputs.put("key", "k");
          inputs.put("value", 1);
        } else {
          inputs.put("values", Map.of("k", 1));
        }
        Outcome outcome = watch.unchanged(() -> Redis.PACK.machine(machine).run(inputs));
        assertRefused(outcome.exit(), "error", RedisErrorCode.INVALID_INPUT, "'ttl'");
      }
    }
    Exit<?> whole =
        Redis.PACK
            .machine("cache-value")
            .run(Map.of("connection", connection, "key", "k", "value", 1, "ttl", 60.0))
            .exit();
    assertThat(whole.isSuccess()).as("60.0 is a whole number").isTrue();
  }
}
