package dev.mpredis.redis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.CacheValue;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.FailureReport;
import dev.mpredis.redis.FlushCache;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.GetConnection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.RedisServer;
import dev.mpredis.testkit.RespClient;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults a live server causes on purpose (RELIABILITY.md §3 F7, F12, F18, F24–F28, F30–F32; F29
 * pending): driven with {@code CONFIG SET}, {@code ACL}, {@code CLIENT PAUSE/KILL}, {@code DEBUG},
 * {@code REPLICAOF}, {@code EVAL} and {@code BGSAVE} over the kit's admin connection. One server
 * for the class; every test puts back what it changed, in a {@code finally}. Flags that differ
 * between Redis 6.2 and 7.x ({@code lua-time-limit} / {@code busy-reply-threshold}) follow the
 * binary's version.
 */
@Tag("server")
class ServerStateFaultsTest {

  static final long TIMEOUT = 500;
  static final String OPTIONS = "?commandTimeout=" + TIMEOUT + "&connectTimeout=" + TIMEOUT;
  static final String SECRET = "Canary-st4te-Secr3t";

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  @BeforeAll
  static void warmUp() {
    Call.warmUp(redis.server().uri());
  }

  private static Object admin(String... args) throws IOException {
    return redis.server().command(args);
  }

  private static String userUri(String user) {
    return "redis://" + user + ":" + SECRET + "@127.0.0.1:" + redis.server().port() + OPTIONS;
  }

  private static Manager manager(List<FailureReport> reports) {
    return Redis.createManager(redis.server().uri() + OPTIONS, reports::add).orThrow();
  }

  @Test
  void f7_aclUserDisabled_reconnectFailsBadPassword_reportedOnce_callsFailFast_thenSameLeaseWorks()
      throws IOException {
    admin("ACL", "SETUSER", "f7", "on", ">" + SECRET, "~*", "&*", "+@all");
    List<FailureReport> reports = new CopyOnWriteArrayList<>();
    try (Manager manager = Redis.createManager(userUri("f7"), reports::add).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(lease, "f7", 1).orThrow();
      admin("ACL", "SETUSER", "f7", "off");
      admin("CLIENT", "KILL", "USER", "f7");
      Waits.until(
          "the failed reconnect is reported",
          Duration.ofSeconds(5),
          () -> reports.stream().anyMatch(r -> r.kind() == FailureReport.Kind.RECONNECT_FAILED));
      FailureReport failed =
          reports.stream()
              .filter(r -> r.kind() == FailureReport.Kind.RECONNECT_FAILED)
              .findFirst()
              .orElseThrow();
      assertThat(failed.error().code()).isEqualTo(RedisErrorCode.BAD_PASSWORD);
      assertThat(failed.toString() + failed.error().message()).doesNotContain(SECRET);
      Call.of(() -> Redis.cacheValue(lease, "f7", 2))
          .ended("error", RedisErrorCode.CONNECTION_LOST)
          .within(0);
      try (Manager fresh = Redis.createManager(userUri("f7")).orThrow()) {
        Call.of(() -> Redis.getConnection(fresh, Duration.ofMillis(5_000)))
            .ended("failed", RedisErrorCode.BAD_PASSWORD)
            .within(TIMEOUT);
      }

      admin("ACL", "SETUSER", "f7", "on");
      long recovered = ServerProcessFaultsTest.untilWorks(lease, Duration.ofSeconds(5));
      assertThat(recovered).isLessThanOrEqualTo(1_000 + Call.SLACK_MILLIS);
      assertThat(reports.stream().filter(r -> r.kind() == FailureReport.Kind.RECONNECT_FAILED))
          .as("one report per outage, not one per attempt")
          .hasSize(1);
    } finally {
      admin("ACL", "DELUSER", "f7");
    }
  }

  @Test
  void f12_clientPauseAll_callsTimeOut_noLateReplyToTheWrongCaller_thenSameLeaseWorks()
      throws Exception {
    try (Manager manager = Redis.createManager(redis.server().uri() + OPTIONS).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      for (int i = 0; i < 4; i++) {
        Redis.cacheValue(lease, "f12:" + i, "v" + i).orThrow();
      }
      admin("CLIENT", "PAUSE", "1500", "ALL");
      assertTimedOutOrReset(concurrentReads(lease, "f12:", 4), true);
      Waits.until(
          "the pause ends",
          Duration.ofSeconds(5),
          () -> Redis.getCachedValue(lease, "f12:0") instanceof GetCachedValue.Success);
      assertReadsOwnValues(lease, "f12:", 4);
    }
  }

  @Test
  void f12_debugSleep_callsTimeOut_thenSameLeaseReadsItsOwnValues() throws Exception {
    try (Manager manager = Redis.createManager(redis.server().uri() + OPTIONS).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      for (int i = 0; i < 4; i++) {
        Redis.cacheValue(lease, "f12s:" + i, "v" + i).orThrow();
      }
      CompletableFuture<Object> sleeping = background("DEBUG", "SLEEP", "1.5");
      Waits.until(
          "the server sleeps",
          Duration.ofSeconds(5),
          () -> Redis.getCachedValue(lease, "f12s:0") instanceof GetCachedValue.Error);
      assertTimedOutOrReset(concurrentReads(lease, "f12s:", 4), false);
      assertThat(sleeping.get(10, TimeUnit.SECONDS)).isEqualTo("OK");
      ServerProcessFaultsTest.untilWorks(lease, Duration.ofSeconds(5));
      assertReadsOwnValues(lease, "f12s:", 4);
    }
  }

  /**
   * Reads in flight while the server does not answer: the first to time out closes the link (so no
   * late reply can reach the wrong caller), and the others end with it, or fail at once while the
   * link is re-opened against the silent server.
   */
  private static void assertTimedOutOrReset(
      List<Call<GetCachedValue.Result<Object>>> calls, boolean oneTimesOut) {
    for (Call<GetCachedValue.Result<Object>> call : calls) {
      assertThat(call.exit().exitName()).isEqualTo("error");
      assertThat(call.code()).isIn(RedisErrorCode.COMMAND_TIMEOUT, RedisErrorCode.CONNECTION_LOST);
      call.within(TIMEOUT);
    }
    if (oneTimesOut) {
      assertThat(calls).anyMatch(call -> call.code() == RedisErrorCode.COMMAND_TIMEOUT);
    }
  }

  @Test
  void f18_serverClosesIdleConnection_nextCallSucceedsOrFailsFast_thenSameLeaseWorks()
      throws IOException {
    try (Manager manager = Redis.createManager(redis.server().uri() + OPTIONS).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(lease, "f18", "before").orThrow();
      admin("CLIENT", "KILL", "TYPE", "normal");
      Call<GetCachedValue.Result<Object>> next = Call.of(() -> Redis.getCachedValue(lease, "f18"));
      next.within(TIMEOUT);
      if (!next.exit().isSuccess()) {
        next.ended("error", RedisErrorCode.CONNECTION_LOST);
      }
      ServerProcessFaultsTest.untilWorks(lease, Duration.ofSeconds(3));
      assertThat(Redis.getCachedValue(lease, "f18"))
          .isEqualTo(new GetCachedValue.Success("before"));
    }
  }

  @Test
  void
      f24_passwordChangedWhileConnected_reconnectFailsBadPassword_callsFailFast_thenSameLeaseWorks()
          throws IOException {
    String changed = "Changed-" + SECRET;
    List<FailureReport> reports = new CopyOnWriteArrayList<>();
    try (RedisServer server = RedisServer.builder().password(SECRET).start();
        Manager manager =
            Redis.createManager(
                    "redis://:" + SECRET + "@127.0.0.1:" + server.port() + OPTIONS, reports::add)
                .orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(lease, "f24", 1).orThrow();
      try (RespClient admin =
          RespClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(2))) {
        admin.command("AUTH", SECRET);
        admin.command("CONFIG", "SET", "requirepass", changed);
        admin.command("CLIENT", "KILL", "TYPE", "normal");
        Waits.until(
            "the failed reconnect is reported",
            Duration.ofSeconds(5),
            () -> reports.stream().anyMatch(r -> r.kind() == FailureReport.Kind.RECONNECT_FAILED));
        for (int i = 0; i < 5; i++) {
          Call.of(() -> Redis.cacheValue(lease, "f24", 2))
              .ended("error", RedisErrorCode.CONNECTION_LOST)
              .within(0);
        }
        // A lease asked for meanwhile says what keeps the link down, and the manager's state.
        Call<GetConnection.Result> waiting =
            Call.of(() -> Redis.getConnection(manager, Duration.ofMillis(300)));
        waiting.ended("failed", RedisErrorCode.BAD_PASSWORD).within(300);
        assertThat(waiting.message())
            .contains("did not come back within 300 ms")
            .contains("leases: 1 shared, 0 dedicated")
            .contains("last reconnect failed")
            .doesNotContain(changed);
        FailureReport failed =
            reports.stream()
                .filter(r -> r.kind() == FailureReport.Kind.RECONNECT_FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(failed.error().code()).isEqualTo(RedisErrorCode.BAD_PASSWORD);
        assertThat(failed.toString() + failed.error().message())
            .doesNotContain(SECRET)
            .doesNotContain(changed);
        admin.command("CONFIG", "SET", "requirepass", SECRET);
      }
      ServerProcessFaultsTest.untilWorks(lease, Duration.ofSeconds(5));
      assertThat(reports.stream().filter(r -> r.kind() == FailureReport.Kind.RECONNECT_FAILED))
          .hasSize(1);
    }
  }

  @Test
  void f25_connectedUserDeleted_linkDropped_reconnectFailsBadPassword_thenSameLeaseWorks()
      throws IOException {
    admin("ACL", "SETUSER", "f25", "on", ">" + SECRET, "~*", "&*", "+@all");
    List<FailureReport> reports = new CopyOnWriteArrayList<>();
    try (Manager manager = Redis.createManager(userUri("f25"), reports::add).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(lease, "f25", 1).orThrow();
      admin("ACL", "DELUSER", "f25"); // the server disconnects the user's clients
      Waits.until(
          "the failed reconnect is reported",
          Duration.ofSeconds(5),
          () -> reports.stream().anyMatch(r -> r.kind() == FailureReport.Kind.RECONNECT_FAILED));
      assertThat(
              reports.stream()
                  .filter(r -> r.kind() == FailureReport.Kind.RECONNECT_FAILED)
                  .findFirst()
                  .orElseThrow()
                  .error()
                  .code())
          .isEqualTo(RedisErrorCode.BAD_PASSWORD);
      Call.of(() -> Redis.getCachedValue(lease, "f25"))
          .ended("error", RedisErrorCode.CONNECTION_LOST)
          .within(0);
      admin("ACL", "SETUSER", "f25", "on", ">" + SECRET, "~*", "&*", "+@all");
      ServerProcessFaultsTest.untilWorks(lease, Duration.ofSeconds(5));
    } finally {
      admin("ACL", "DELUSER", "f25");
    }
  }

  @Test
  void f26_maxmemoryReached_writesOutOfMemory_readsWork_thenSameLeaseWrites() throws IOException {
    try (Manager manager = manager(new ArrayList<>());
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(lease, "f26", "kept").orThrow();
      admin("CONFIG", "SET", "maxmemory", "1");
      try {
        Call.of(() -> Redis.cacheValue(lease, "f26", "new"))
            .ended("error", RedisErrorCode.OUT_OF_MEMORY)
            .within(TIMEOUT);
        Call<GetCachedValue.Result<Object>> read =
            Call.of(() -> Redis.getCachedValue(lease, "f26"));
        read.succeeded().within(TIMEOUT);
        assertThat(read.exit()).isEqualTo(new GetCachedValue.Success("kept"));
      } finally {
        admin("CONFIG", "SET", "maxmemory", "0");
      }
      Call.of(() -> Redis.cacheValue(lease, "f26", "new")).succeeded().within(TIMEOUT);
    }
  }

  @Test
  void f27_evictionUnderAllkeysLru_cachedKeyReadsNotFound_noError() throws IOException {
    try (Manager manager = manager(new ArrayList<>());
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(lease, "f27", "evict-me").orThrow();
      admin("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
      admin("CONFIG", "SET", "maxmemory", "1"); // every key must go
      try {
        // The server evicts in slices of time, so the key goes soon, not necessarily at once;
        // until then it reads as before. Never an error.
        Waits.until(
            "the cached key is evicted",
            Duration.ofSeconds(5),
            () -> {
              Call<GetCachedValue.Result<Object>> read =
                  Call.of(() -> Redis.getCachedValue(lease, "f27"));
              read.within(TIMEOUT);
              assertThat(read.exit())
                  .isIn(new GetCachedValue.Success("evict-me"), new GetCachedValue.NotFound());
              return read.exit() instanceof GetCachedValue.NotFound;
            });
      } finally {
        admin("CONFIG", "SET", "maxmemory", "0");
        admin("CONFIG", "SET", "maxmemory-policy", "noeviction");
      }
      Call.of(() -> Redis.cacheValue(lease, "f27", "again")).succeeded().within(TIMEOUT);
    }
  }

  @Test
  void f28_serverBecomesReplica_writesReadOnly_readsWork_thenSameLeaseWrites() throws IOException {
    try (Manager manager = manager(new ArrayList<>());
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(lease, "f28", "primary").orThrow();
      admin("REPLICAOF", "127.0.0.1", "1"); // a primary that never answers: stays read-only
      try {
        Call.of(() -> Redis.cacheValue(lease, "f28", "write"))
            .ended("error", RedisErrorCode.READ_ONLY)
            .within(TIMEOUT);
        Call<GetCachedValue.Result<Object>> read =
            Call.of(() -> Redis.getCachedValue(lease, "f28"));
        read.succeeded().within(TIMEOUT);
      } finally {
        admin("REPLICAOF", "NO", "ONE");
      }
      Call.of(() -> Redis.cacheValue(lease, "f28", "write")).succeeded().within(TIMEOUT);
    }
  }

  @Test
  void f30_scriptHogsTheServer_callsGetBusy_thenWorkAfterScriptKill() throws Exception {
    boolean seven = redis.server().binary().isAtLeast(7, 0);
    String threshold = seven ? "busy-reply-threshold" : "lua-time-limit";
    try (Manager manager = manager(new ArrayList<>());
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(lease, "f30", 1).orThrow();
      admin("CONFIG", "SET", threshold, "100");
      CompletableFuture<Object> script = background("EVAL", "while true do end", "0");
      try {
        Waits.until(
            "a call meets BUSY",
            Duration.ofSeconds(5),
            () -> {
              Call<GetCachedValue.Result<Object>> call =
                  Call.of(() -> Redis.getCachedValue(lease, "f30"));
              call.within(TIMEOUT);
              return call.code() == RedisErrorCode.BUSY;
            });
      } finally {
        admin("SCRIPT", "KILL");
        script.exceptionally(e -> null).get(10, TimeUnit.SECONDS);
        admin("CONFIG", "SET", threshold, "5000");
      }
      assertThat(script).isCompletedExceptionally(); // the script's caller got "killed by user"
      Call<GetCachedValue.Result<Object>> after = Call.of(() -> Redis.getCachedValue(lease, "f30"));
      after.succeeded().within(TIMEOUT);
      assertThat(after.exit()).isEqualTo(new GetCachedValue.Success(1));
    }
  }

  @Test
  void f31_snapshotFails_writesMisconf_readsWork_thenRecoverAfterAGoodSnapshot() throws Exception {
    @SuppressWarnings("unchecked")
    String dbfilename = ((List<Object>) admin("CONFIG", "GET", "dbfilename")).get(1).toString();
    Path dump = redis.server().directory().resolve(dbfilename);
    try (Manager manager = manager(new ArrayList<>());
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(lease, "f31", "kept").orThrow();
      Files.deleteIfExists(dump);
      Files.createDirectory(dump); // the snapshot cannot be renamed onto a directory
      admin("CONFIG", "SET", "save", "3600 1");
      try {
        admin("BGSAVE");
        Waits.until("the snapshot fails", Duration.ofSeconds(10), () -> lastSave("err"));
        Call.of(() -> Redis.cacheValue(lease, "f31", "new"))
            .ended("error", RedisErrorCode.MISCONFIGURED)
            .within(TIMEOUT);
        Call.of(() -> Redis.getCachedValue(lease, "f31")).succeeded().within(TIMEOUT);
        Files.delete(dump);
        admin("BGSAVE");
        Waits.until("a snapshot succeeds", Duration.ofSeconds(10), () -> lastSave("ok"));
      } finally {
        admin("CONFIG", "SET", "save", "");
        if (Files.isDirectory(dump)) {
          Files.delete(dump);
        }
      }
      Call.of(() -> Redis.cacheValue(lease, "f31", "new")).succeeded().within(TIMEOUT);
    }
  }

  private static boolean lastSave(String status) {
    try {
      String info = admin("INFO", "persistence").toString();
      return info.contains("rdb_bgsave_in_progress:0")
          && info.contains("rdb_last_bgsave_status:" + status);
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void f32_commandOrKeyNotAllowed_noPermission_passwordNeverShown_leaseStillWorks()
      throws IOException {
    admin("ACL", "SETUSER", "f32", "on", ">" + SECRET, "resetkeys", "~app:*", "+@all", "-flushdb");
    try (Manager manager = Redis.createManager(userUri("f32")).orThrow();
        Connection lease = Redis.getConnection(manager).orThrow()) {
      Call<CacheValue.Result> key = Call.of(() -> Redis.cacheValue(lease, "other:1", 1));
      key.ended("error", RedisErrorCode.NO_PERMISSION).within(TIMEOUT);
      Call<FlushCache.Result> command = Call.of(() -> Redis.flushCache(lease));
      command.ended("failed", RedisErrorCode.NO_PERMISSION).within(TIMEOUT);
      assertThat(key.message() + command.message() + key.exit() + command.exit())
          .doesNotContain(SECRET);
      assertThat(command.message()).containsIgnoringCase("flushdb");
      Call.of(() -> Redis.cacheValue(lease, "app:1", 1)).succeeded().within(TIMEOUT);
    } finally {
      admin("ACL", "DELUSER", "f32");
    }
  }

  /** Reads {@code count} keys at once from as many threads, each call timed. */
  private static List<Call<GetCachedValue.Result<Object>>> concurrentReads(
      Connection lease, String prefix, int count) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(count);
    try {
      List<Future<Call<GetCachedValue.Result<Object>>>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String key = prefix + i;
        futures.add(callers.submit(() -> Call.of(() -> Redis.getCachedValue(lease, key))));
      }
      List<Call<GetCachedValue.Result<Object>>> calls = new ArrayList<>();
      for (Future<Call<GetCachedValue.Result<Object>>> future : futures) {
        calls.add(future.get(10, TimeUnit.SECONDS));
      }
      return calls;
    } finally {
      callers.shutdownNow();
    }
  }

  /** Every key reads its own value: no late reply went to the wrong caller. */
  private static void assertReadsOwnValues(Connection lease, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      String key = prefix + i;
      Call<GetCachedValue.Result<Object>> read = Call.of(() -> Redis.getCachedValue(lease, key));
      read.succeeded().within(TIMEOUT);
      assertThat(read.exit()).isEqualTo(new GetCachedValue.Success("v" + i));
    }
  }

  /** Runs one admin command on a connection of its own, off this thread. */
  private static CompletableFuture<Object> background(String... args) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try (RespClient client =
                  RespClient.connect("127.0.0.1", redis.server().port(), Duration.ofSeconds(30))) {
                result.complete(client.command(args));
              } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "admin-" + args[0]);
    thread.setDaemon(true);
    thread.start();
    return result;
  }
}
