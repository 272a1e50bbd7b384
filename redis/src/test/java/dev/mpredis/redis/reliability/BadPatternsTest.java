package dev.mpredis.redis.reliability;

import static dev.mpredis.redis.reliability.ServerWatch.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.redis.internal.Checks;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RELIABILITY.md §4 for patterns: B4 and B5 through {@code list-keys}. */
@Tag("server")
class BadPatternsTest extends OnePackServer {

  @BeforeEach
  void empty() {
    watch.command("FLUSHALL");
  }

  @Test
  void b4_namespaceWithGlobCharacters_listsOnlyItself() {
    for (String namespace : List.of("a*", "a?:", "[ab]:", "a\\")) {
      watch.command("FLUSHALL");
      for (String other : List.of("ab:1", "a:1", "b:1", "ax:1", "a_\\:1", "kept")) {
        watch.command("SET", other, "1");
      }
      String prefix = namespace.endsWith(":") ? namespace : namespace + ":"; // the separator
      watch.command("SET", prefix + "mine", "1");
      String url =
          redis.server().uri()
              + "?namespace="
              + URLEncoder.encode(namespace, StandardCharsets.UTF_8);
      try (Manager scoped = Redis.createManager(url).orThrow();
          Connection c = Redis.getConnection(scoped).orThrow()) {
        assertThat(Redis.listKeys(c, "*").orThrow().keys()).as(namespace).containsExactly("mine");
      }
    }
  }

  @Test
  void b5_patternAtTheCap_works_oneLongerOrOneMegabyte_isRefusedWithoutTouchingTheServer() {
    watch.command("SET", "p".repeat(Checks.MAX_PATTERN_LENGTH), "1");
    String longest = "p".repeat(Checks.MAX_PATTERN_LENGTH - 1) + "*";
    assertThat(Redis.listKeys(connection, longest).orThrow().keys())
        .containsExactly("p".repeat(Checks.MAX_PATTERN_LENGTH));
    for (String pattern : List.of(longest + "*", "*".repeat(1024 * 1024))) {
      assertRefused(
          watch.unchanged(() -> Redis.listKeys(connection, pattern)),
          "error",
          RedisErrorCode.INVALID_INPUT,
          "'pattern'",
          "at most " + Checks.MAX_PATTERN_LENGTH,
          "CVE-2024-31228");
    }
  }

  @Test
  void b6_patternWithALoneSurrogate_isRefusedWithoutTouchingTheServer() {
    assertRefused(
        watch.unchanged(() -> Redis.listKeys(connection, "bad\uD800*")),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'pattern'",
        "unpaired surrogate");
  }
}
