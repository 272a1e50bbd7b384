package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's Quick Start, kept compiling and passing: the original's example flow in Java. The
 * block between the markers is copied into README.md verbatim; a test checks they agree.
 */
@Tag("server")
class QuickStartTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  @Test
  void quickStart_runsTheOriginalsFlow() {
    List<String> log = new ArrayList<>();
    doSomeStuffWithRedis(redis.server().uri(), log::add);
    assertThat(log)
        .containsExactly(
            "stored `stuff` key with `things`",
            "stuff `key` contains `things`",
            "key `stuff` removed",
            "As we expected, the `stuff` key was not found this time.  Good!",
            "Connection released.",
            "Manager destroyed.");
  }

  @Test
  void readme_showsThisQuickStartVerbatim() throws IOException {
    String begin = "// quick-start:" + "begin\n";
    String end = "  // quick-start:" + "end";
    String source =
        Files.readString(Path.of("src/test/java/dev/mpredis/redis/QuickStartTest.java"));
    String snippet = source.substring(source.indexOf(begin) + begin.length(), source.indexOf(end));
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).as("README.md Quick Start must match QuickStartTest").contains(snippet);
  }

  // quick-start:begin
  static void doSomeStuffWithRedis(String connectionString, Consumer<String> log) {
    Manager manager =
        Redis.createManager(connectionString, report -> log.accept("uh oh: " + report))
            .match(
                success -> success.manager(),
                malformed -> {
                  throw new IllegalArgumentException(malformed.error().message());
                },
                failed -> {
                  throw new IllegalStateException(failed.error().message());
                },
                error -> {
                  throw error.error().toException("error");
                });
    try {
      Connection connection = Redis.getConnection(manager).orThrow();
      try {
        Redis.cacheValue(connection, "stuff", "things").orThrow();
        log.accept("stored `stuff` key with `things`");

        String value = Redis.getCachedValue(connection, "stuff", String.class).orThrow();
        log.accept("stuff `key` contains `" + value + "`");

        Redis.destroyCachedValues(connection, List.of("stuff")).orThrow();
        log.accept("key `stuff` removed");

        Optional<String> again =
            Redis.getCachedValue(connection, "stuff", String.class).asOptional();
        if (again.isEmpty()) {
          log.accept("As we expected, the `stuff` key was not found this time.  Good!");
        } else {
          throw new IllegalStateException("Consistency violation: " + again.get());
        }
      } finally {
        if (Redis.releaseConnection(connection).isSuccess()) {
          log.accept("Connection released.");
        }
      }
    } finally {
      if (Redis.destroyManager(manager).isSuccess()) {
        log.accept("Manager destroyed.");
      }
    }
  }
  // quick-start:end
}
