package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mpredis.machine.Outcome;
import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.RedisExtension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every exit of {@code list-keys}, its namespace scoping and its continuation, on a real server.
 */
@Tag("server")
class ListKeysTest {

  @RegisterExtension
  static final RedisExtension redis =
      RedisExtension.server(b -> b.user(new AclUser("noscan", "noscan-pw", "~* &* +@all -scan")));

  @BeforeEach
  void empty() throws IOException {
    redis.server().command("FLUSHALL");
  }

  @Test
  void listKeys_limitAndContinuation_everyKeyOnce_over2500Keys() throws IOException {
    Set<String> expected = seed("k:", 2500);
    redis.server().command("SET", "other", "1");
    withConnection(
        redis.server().uri(),
        c -> {
          List<String> listed = new ArrayList<>();
          String cursor = null;
          int calls = 0;
          do {
            KeyPage page =
                ListKeys.INSTANCE
                    .run(new ListKeys.Inputs(c, "k:*", 1000, 100, cursor, null))
                    .orThrow();
            assertThat(page.keys()).hasSizeLessThanOrEqualTo(1000).doesNotHaveDuplicates();
            listed.addAll(page.keys());
            cursor = page.cursor();
            calls++;
          } while (cursor != null);
          assertThat(calls).isGreaterThanOrEqualTo(3);
          assertThat(new HashSet<>(listed)).isEqualTo(expected);
          assertThat(listed).hasSize(2500); // no key twice: replies are never cut
        });
  }

  @Test
  void listKeys_typedFace_defaultLimit_continuesWithTheCursor() throws IOException {
    Set<String> expected = seed("u:", 2500);
    withConnection(
        redis.server().uri(),
        c -> {
          Set<String> listed = new HashSet<>();
          KeyPage page = Redis.listKeys(c, "u:*").orThrow();
          listed.addAll(page.keys());
          while (!page.finished()) {
            page = Redis.listKeys(c, "u:*", 1000, page.cursor()).orThrow();
            assertThat(page.keys()).doesNotHaveDuplicates();
            listed.addAll(page.keys());
          }
          assertThat(listed).isEqualTo(expected);
          assertThat(Redis.listKeys(c, "u:1", 5).orThrow())
              .isEqualTo(new KeyPage(List.of("u:1"), null));
        });
  }

  @Test
  void listKeys_namespaceWithGlobCharacters_neverListsOtherKeys() throws IOException {
    // The namespaces are a*: and a: (the separator is added); an unescaped a*:* would match ab:one.
    redis
        .server()
        .command("MSET", "a*:one", "1", "a*:two", "1", "ab:one", "1", "a:xone", "1", "a:*one", "1");
    withConnection(
        redis.server().uri() + "?namespace=" + TestUrls.encode("a*"),
        c ->
            assertThat(Redis.listKeys(c, "*").orThrow().keys())
                .containsExactlyInAnyOrder("one", "two"));
    withConnection(
        redis.server().uri() + "?namespace=" + TestUrls.encode("a"),
        c ->
            assertThat(Redis.listKeys(c, "?one").orThrow().keys())
                .containsExactlyInAnyOrder("*one", "xone"));
  }

  @Test
  void listKeys_globCharactersInKeys_arePatternCharactersOfTheCaller() throws IOException {
    redis.server().command("MSET", "g[1]", "1", "g1", "1", "g*", "1", "g\\", "1", "gxy", "1");
    withConnection(
        redis.server().uri(),
        c -> {
          assertThat(Redis.listKeys(c, "g\\[1\\]").orThrow().keys()).containsExactly("g[1]");
          assertThat(Redis.listKeys(c, "g[1]").orThrow().keys()).containsExactly("g1");
          assertThat(Redis.listKeys(c, "g\\*").orThrow().keys()).containsExactly("g*");
          assertThat(Redis.listKeys(c, "g?").orThrow().keys())
              .containsExactlyInAnyOrder("g1", "g*", "g\\");
        });
  }

  @Test
  void listKeys_keyNotUtf8_isListedWithReplacementCharacters() throws IOException {
    redis.server().command("EVAL", "redis.call('SET', 'bin:' .. string.char(255), '1')", "0");
    withConnection(
        redis.server().uri(),
        c -> assertThat(Redis.listKeys(c, "bin:*").orThrow().keys()).containsExactly("bin:\uFFFD"));
  }

  @Test
  void listKeys_byIdentity_outputIsKeysAndCursor() throws JsonProcessingException, IOException {
    redis.server().command("SET", "only", "1");
    try (Manager manager = Redis.createManager(redis.server().uri()).orThrow();
        Connection c = Redis.getConnection(manager).orThrow()) {
      Outcome outcome =
          Redis.PACK.machine("list-keys").run(Map.of("connection", c, "pattern", "on*"));
      assertThat(outcome.exitName()).isEqualTo("success");
      assertThat(Values.jsonMapper().writeValueAsString(outcome.output()))
          .isEqualTo("{\"keys\":[\"only\"],\"cursor\":null}");
    }
  }

  @Test
  void listKeys_badConnection_released() {
    try (Manager manager = Redis.createManager(redis.server().uri()).orThrow()) {
      Connection c = Redis.getConnection(manager).orThrow();
      Redis.releaseConnection(c).orThrow();
      assertThat(Redis.listKeys(c, "*"))
          .isInstanceOfSatisfying(
              ListKeys.BadConnection.class,
              b -> assertThat(b.error().code()).isEqualTo(RedisErrorCode.CONNECTION_RELEASED));
    }
  }

  @Test
  void listKeys_error_userWithoutScan_noPermission() {
    String uri = "redis://noscan:noscan-pw@" + redis.server().host() + ":" + redis.server().port();
    withConnection(
        uri,
        c ->
            assertThat(Redis.listKeys(c, "*"))
                .isInstanceOfSatisfying(
                    ListKeys.Error.class,
                    e -> assertThat(e.error().code()).isEqualTo(RedisErrorCode.NO_PERMISSION)));
  }

  @Test
  void listKeys_error_badInputs_invalidInputNamingTheInput() {
    withConnection(
        redis.server().uri(),
        c -> {
          assertInvalid(Redis.listKeys(c, ""), "'pattern'");
          assertInvalid(Redis.listKeys(c, "*", 0), "'limit'");
          assertInvalid(Redis.listKeys(c, "*", 100_001), "'limit'");
          assertInvalid(Redis.listKeys(c, "*", 10, "abc"), "'cursor'");
          assertInvalid(Redis.listKeys(c, "*", 10, "18446744073709551616"), "'cursor'");
          assertInvalid(
              ListKeys.INSTANCE.run(() -> new ListKeys.Inputs(c, "*", 10, 0, null, null)),
              "'pageSize'");
          assertInvalid(Redis.listKeys(null, "*"), "'connection'");
        });
  }

  private static void assertInvalid(ListKeys.Result result, String input) {
    assertThat(result)
        .isInstanceOfSatisfying(
            ListKeys.Error.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
              assertThat(e.error().message()).contains(input);
            });
  }

  private static Set<String> seed(String prefix, int count) throws IOException {
    Set<String> keys = new HashSet<>();
    List<String> args = new ArrayList<>(List.of("MSET"));
    for (int i = 0; i < count; i++) {
      keys.add(prefix + i);
      args.add(prefix + i);
      args.add("" + i);
    }
    redis.server().command(args.toArray(new String[0]));
    return keys;
  }

  private static void withConnection(String uri, Consumer<Connection> test) {
    try (Manager manager = Redis.createManager(uri).orThrow();
        Connection c = Redis.getConnection(manager).orThrow()) {
      test.accept(c);
    }
  }
}
