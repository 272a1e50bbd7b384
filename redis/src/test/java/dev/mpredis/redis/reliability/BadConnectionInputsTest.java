package dev.mpredis.redis.reliability;

import static dev.mpredis.redis.reliability.ServerWatch.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.Outcome;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RELIABILITY.md §4, the lifecycle inputs: B21 (unknown or mistyped inputs, dynamic face), B25
 * (namespaces that match everything), B27 (timeouts), B28 (leases shared, released twice, released
 * elsewhere), for create-manager, get-connection, release-connection, destroy-manager, authenticate
 * and create-connection-url.
 */
@Tag("server")
class BadConnectionInputsTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  static Manager manager;
  static ServerWatch watch;

  @BeforeAll
  static void connect() {
    manager = Redis.createManager(redis.server().uri()).orThrow();
    watch = ServerWatch.connect(redis.server().host(), redis.server().port());
  }

  @AfterAll
  static void destroy() throws IOException {
    manager.close();
    watch.close();
  }

  @BeforeEach
  void seed() {
    watch.command("FLUSHALL");
    watch.command("SET", "kept", "\"kept\"");
  }

  private static Outcome run(String machine, Map<String, ?> inputs) {
    return Redis.PACK.machine(machine).run(inputs);
  }

  @Test
  void b21_unknownInputName_isRefusedNamingIt_inEveryMachine() {
    try (Connection connection = Redis.getConnection(manager).orThrow()) {
      Map<String, Map<String, Object>> valid = new HashMap<>();
      valid.put("create-manager", Map.of("connectionString", redis.server().uri()));
      valid.put("get-connection", Map.of("manager", manager));
      valid.put("cache-value", Map.of("connection", connection, "key", "k", "value", 1));
      valid.put("get-cached-value", Map.of("connection", connection, "key", "k"));
      valid.put("destroy-cached-values", Map.of("connection", connection, "keys", List.of("k")));
      valid.put("flush-cache", Map.of("connection", connection));
      valid.put("cache-values", Map.of("connection", connection, "values", Map.of("k", 1)));
      valid.put("get-cached-values", Map.of("connection", connection, "keys", List.of("k")));
      valid.put("authenticate", Map.of("connection", connection, "password", "pw"));
      valid.put("create-connection-url", Map.of());
      valid.put("release-connection", Map.of("connection", connection));
      valid.put("destroy-manager", Map.of("manager", manager));
      valid.forEach(
          (machine, inputs) -> {
            Map<String, Object> misspelt = new HashMap<>(inputs);
            misspelt.put("kee", "k");
            Outcome outcome = watch.unchanged(() -> run(machine, misspelt));
            assertRefused(
                outcome.exit(), "error", RedisErrorCode.INVALID_INPUT, "'kee'", "is not an input");
          });
    }
  }

  @Test
  void b21_wrongInputType_isRefusedNamingTheInputAndType() {
    try (Connection connection = Redis.getConnection(manager).orThrow()) {
      List<Object[]> cases =
          List.of(
              new Object[] {
                "cache-value", Map.of("connection", connection, "key", 42, "value", 1), "'key'"
              },
              new Object[] {
                "get-cached-values", Map.of("connection", connection, "keys", "k"), "'keys'"
              },
              new Object[] {
                "destroy-cached-values",
                Map.of("connection", connection, "keys", Map.of()),
                "'keys'"
              },
              new Object[] {
                "cache-values", Map.of("connection", connection, "values", List.of(1)), "'values'"
              },
              new Object[] {
                "get-connection", Map.of("manager", manager, "timeout", "soon"), "'timeout'"
              },
              new Object[] {"create-connection-url", Map.of("port", "6379x"), "'port'"},
              new Object[] {
                "create-manager", Map.of("connectionString", 6379), "'connectionString'"
              });
      for (Object[] c : cases) {
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = (Map<String, Object>) c[1];
        Outcome outcome = watch.unchanged(() -> run((String) c[0], inputs));
        assertRefused(outcome.exit(), "error", RedisErrorCode.INVALID_INPUT, (String) c[2]);
      }
    }
  }

  @Test
  void b21_somethingElseAsConnection_isBadConnection_andAsManager_isRefused() {
    for (Object notAConnection : List.of("redis://127.0.0.1", Map.of("id", 1), 42)) {
      Outcome outcome =
          watch.unchanged(
              () ->
                  run("cache-value", Map.of("connection", notAConnection, "key", "k", "value", 1)));
      assertThat(outcome.exitName()).isIn("badConnection", "error");
      assertThat(outcome.error().orElseThrow().message()).contains("connection");
    }
    assertRefused(
        run("get-connection", Map.of("manager", "a string")).exit(),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'manager'");
    assertRefused(
        run("destroy-manager", Map.of("manager", "a string")).exit(),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'manager'");
    assertRefused(
        Redis.releaseConnection(null), "error", RedisErrorCode.INVALID_INPUT, "'connection'");
  }

  @Test
  void b25_namespaceThatWouldMatchEverything_isRefused() {
    for (String namespace : List.of("", "*", ":", "*:", "\\", "[]", "?")) {
      String url =
          redis.server().uri()
              + "?namespace="
              + URLEncoder.encode(namespace, StandardCharsets.UTF_8);
      assertRefused(
          watch.unchanged(() -> Redis.createManager(url)),
          "malformed",
          RedisErrorCode.INVALID_URL,
          "namespace");
    }
  }

  @Test
  void b27_timeoutOutOfRange_isRefusedQuotingTheValue_theBoundsWork() {
    for (long bad : List.of(0L, -1L, 600_001L, Long.MAX_VALUE, Long.MIN_VALUE)) {
      assertRefused(
          watch.unchanged(() -> Redis.getConnection(manager, Duration.ofMillis(bad))),
          "error",
          RedisErrorCode.INVALID_INPUT,
          "'timeout'",
          String.valueOf(bad),
          "600000");
    }
    Redis.getConnection(manager, Duration.ofMillis(1)).orThrow().close();
    Redis.getConnection(manager, Duration.ofMillis(600_000)).orThrow().close();
  }

  @Test
  void b27_timeoutDuration_fractionOfAMillisecondOrOverflowing_isRefused_nullIsTheDefault() {
    for (Duration bad :
        List.of(
            Duration.ofNanos(1_500_000), Duration.ofNanos(1), Duration.ofSeconds(Long.MAX_VALUE))) {
      assertRefused(
          watch.unchanged(() -> Redis.getConnection(manager, bad)),
          "error",
          RedisErrorCode.INVALID_INPUT,
          "'timeout'",
          bad.toString());
      assertRefused(
          watch.unchanged(() -> Redis.getDedicatedConnection(manager, bad)),
          "error",
          RedisErrorCode.INVALID_INPUT,
          "'timeout'",
          bad.toString());
    }
    Redis.getConnection(manager, (Duration) null).orThrow().close();
    Redis.getDedicatedConnection(manager, Duration.ofSeconds(2)).orThrow().close();
  }

  @Test
  void b27_createConnectionUrl_portAndDbOutOfRange_areRefused() {
    for (int port : List.of(0, -1, 65_536)) {
      assertRefused(
          Redis.PACK.machine("create-connection-url").run(Map.of("port", port)).exit(),
          "error",
          RedisErrorCode.INVALID_INPUT,
          "'port'",
          String.valueOf(port));
    }
    assertRefused(
        Redis.PACK.machine("create-connection-url").run(Map.of("db", -1)).exit(),
        "error",
        RedisErrorCode.INVALID_INPUT,
        "'db'",
        "-1");
  }

  @Test
  void b28_leaseSharedBy100Threads_works_releasedElsewhereAndTwice_isBadConnection()
      throws Exception {
    Connection shared = Redis.getConnection(manager).orThrow();
    ExecutorService threads = Executors.newFixedThreadPool(100);
    try {
      CyclicBarrier start = new CyclicBarrier(100);
      List<CompletableFuture<Object>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String key = "t" + i;
        results.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    start.await(10, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  Redis.cacheValue(shared, key, key).orThrow();
                  return Redis.getCachedValue(shared, key).orThrow();
                },
                threads));
      }
      for (int i = 0; i < 100; i++) {
        assertThat(results.get(i).get(20, TimeUnit.SECONDS)).isEqualTo("t" + i);
      }
      assertThat(watch.command("DBSIZE")).isEqualTo(101L);
      // released by another thread than the one that acquired it
      assertThat(
              CompletableFuture.supplyAsync(() -> Redis.releaseConnection(shared), threads)
                  .get(10, TimeUnit.SECONDS)
                  .exitName())
          .isEqualTo("success");
    } finally {
      threads.shutdownNow();
    }
    assertRefused(
        Redis.releaseConnection(shared),
        "badConnection",
        RedisErrorCode.CONNECTION_RELEASED,
        "released");
    assertRefused(
        watch.unchanged(() -> Redis.cacheValue(shared, "k", 1)),
        "badConnection",
        RedisErrorCode.CONNECTION_RELEASED,
        "released");
    assertRefused(
        watch.unchanged(() -> Redis.authenticate(shared, "pw")),
        "badConnection",
        RedisErrorCode.CONNECTION_RELEASED,
        "released");
  }
}
