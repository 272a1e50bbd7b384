package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.Exit;
import dev.mpredis.testkit.ClusterTopology;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisServer;
import dev.mpredis.testkit.SlotMigration;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a cluster adds to the machines' contract: every master is reached (flush, listing), keys of
 * all slots work in one call, redirects (MOVED, ASK) never reach a caller, and what needs one
 * server's connection state fails with NOT_ON_CLUSTER. The machines' exits themselves are covered
 * across deployments by the cache-machine matrix.
 */
@Tag("server")
class ClusterDeploymentTest {

  @RegisterExtension
  static final RedisExtension redis =
      RedisExtension.cluster(b -> b.masters(3).replicasPerMaster(0));

  static Manager manager;
  static Manager namespaced;
  static Connection connection;

  @BeforeAll
  static void connect() {
    manager = Redis.createManager(redis.uri()).orThrow();
    namespaced = Redis.createManager(redis.endpoints().uri("namespace=app1")).orThrow();
    connection = Redis.getConnection(manager).orThrow();
  }

  @AfterAll
  static void destroy() {
    manager.close();
    namespaced.close();
  }

  @BeforeEach
  void emptyEveryMaster() throws IOException {
    for (RedisServer master : redis.cluster().masters()) {
      master.command("FLUSHALL");
    }
  }

  /** Keys spread over every master: {@code count} keys, at least one on each. */
  static Map<String, Object> keysOnEveryMaster(int count) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      values.put("key-" + i, i);
    }
    Set<RedisServer> owners = new HashSet<>();
    for (String key : values.keySet()) {
      owners.add(redis.cluster().masterOf(redis.cluster().keySlot(key)));
    }
    assertThat(owners).hasSameSizeAs(redis.cluster().masters());
    return values;
  }

  static long keysOn(RedisServer master) throws IOException {
    return (Long) master.command("DBSIZE");
  }

  @Test
  void bulkMachines_keysInEverySlotRange_oneCallEach() {
    Map<String, Object> values = keysOnEveryMaster(60);

    assertThat(Redis.cacheValues(connection, values).isSuccess()).isTrue();
    GetCachedValues.Result<Object> read =
        Redis.getCachedValues(connection, List.copyOf(values.keySet()));
    assertThat(((GetCachedValues.Success<Object>) read).found().values()).isEqualTo(values);
    assertThat(Redis.destroyCachedValues(connection, List.copyOf(values.keySet())).isSuccess())
        .isTrue();
    assertThat(Redis.getCachedValue(connection, "key-7"))
        .isInstanceOf(GetCachedValue.NotFound.class);
  }

  @Test
  void flushCache_emptiesEveryMaster() throws IOException {
    Redis.cacheValues(connection, keysOnEveryMaster(30)).orThrow();

    assertThat(Redis.flushCache(connection).isSuccess()).isTrue();

    for (RedisServer master : redis.cluster().masters()) {
      assertThat(keysOn(master)).as(master.toString()).isZero();
    }
  }

  @Test
  void flushCache_namespace_removesItsKeysFromEveryMasterOnly() throws IOException {
    try (Connection scoped = Redis.getConnection(namespaced).orThrow()) {
      Redis.cacheValues(scoped, keysOnEveryMaster(30)).orThrow();
      Redis.cacheValues(connection, Map.of("other-1", 1, "other-2", 2, "other-3", 3)).orThrow();

      assertThat(Redis.flushCache(scoped).isSuccess()).isTrue();
    }

    long left = 0;
    for (RedisServer master : redis.cluster().masters()) {
      left += keysOn(master);
    }
    assertThat(left).isEqualTo(3);
    assertThat(Redis.getCachedValue(connection, "other-2").isSuccess()).isTrue();
  }

  @Test
  void listKeys_pagesThroughEveryMaster_withTheCursor() {
    Map<String, Object> values = keysOnEveryMaster(50);
    Redis.cacheValues(connection, values).orThrow();

    List<String> listed = new ArrayList<>();
    String cursor = null;
    int calls = 0;
    do {
      KeyPage page = Redis.listKeys(connection, "key-*", 7, cursor).orThrow();
      listed.addAll(page.keys());
      cursor = page.cursor();
      calls++;
    } while (cursor != null && calls < 100);

    assertThat(cursor).isNull();
    assertThat(new HashSet<>(listed)).isEqualTo(values.keySet());
    assertThat(calls).isGreaterThan(3); // it really paged
  }

  @Test
  void listKeys_standaloneCursorOnACluster_isInvalidInput() {
    ListKeys.Result result = Redis.listKeys(connection, "*", 10, "1234");

    assertThat(result.exitName()).isEqualTo("error");
    assertThat(((Exit.Failed) result).error().code()).isEqualTo(RedisErrorCode.INVALID_INPUT);
    assertThat(((Exit.Failed) result).error().message()).contains("cursor");
  }

  @Test
  void sendCommand_keysOfEverySlotRange_neverShowARedirect() {
    for (String key : keysOnEveryMaster(30).keySet()) {
      assertThat(Redis.sendCommand(connection, "SET", key, "v").output()).isEqualTo("OK");
      assertThat(Redis.sendCommand(connection, "GET", key).output()).isEqualTo("v");
      // EVAL's first argument is the script, not a key: the node it reaches redirects it.
      Object echoed =
          Redis.sendCommand(connection, "EVAL", "return redis.call('GET', KEYS[1])", "1", key)
              .output();
      assertThat(echoed).isEqualTo("v");
    }
  }

  @Test
  void getCachedValue_duringSlotMigration_followsAsk() {
    String moved = "migrating-key";
    String staying = findKeyInSlotOf(moved);
    Redis.cacheValue(connection, moved, "a").orThrow();
    Redis.cacheValue(connection, staying, "b").orThrow();
    int slot = redis.cluster().keySlot(moved);
    RedisServer target =
        redis.cluster().masters().stream()
            .filter(master -> !master.equals(redis.cluster().masterOf(slot)))
            .findFirst()
            .orElseThrow();

    SlotMigration migration = redis.cluster().beginSlotMigration(slot, target);
    try {
      migration.moveKeys(moved);

      assertThat(Redis.getCachedValue(connection, moved).output()).isEqualTo("a");
      assertThat(Redis.getCachedValue(connection, staying).output()).isEqualTo("b");
    } finally {
      migration.finish(Duration.ofSeconds(10));
    }
    assertThat(Redis.getCachedValue(connection, moved).output()).isEqualTo("a");
    // finish() moved the key left behind too, so the slot's data survives the reshard.
    assertThat(Redis.getCachedValue(connection, staying).output()).isEqualTo("b");
  }

  /** Another key of the same slot, with a hash tag. */
  static String findKeyInSlotOf(String key) {
    int slot = redis.cluster().keySlot(key);
    for (int i = 0; ; i++) {
      String candidate = "other-" + i;
      if (redis.cluster().keySlot(candidate) == slot) {
        return candidate;
      }
    }
  }

  @Test
  void sendCommand_transactionOnDedicatedClusterConnection_failsNotOnCluster() {
    try (Connection dedicated =
        Redis.getDedicatedConnection(manager, Duration.ofSeconds(5)).orThrow()) {
      for (String command : List.of("MULTI", "WATCH", "SELECT")) {
        SendCommand.Result result = Redis.sendCommand(dedicated, command, "x");
        assertThat(result.exitName()).as(command).isEqualTo("failed");
        assertThat(((Exit.Failed) result).error().code()).isEqualTo(RedisErrorCode.NOT_ON_CLUSTER);
      }
      // What does work on a dedicated cluster connection: a blocking pop, routed by its key.
      Redis.sendCommand(dedicated, "RPUSH", "queue", "job").orThrow();
      assertThat(Redis.sendCommand(dedicated, "BLPOP", "queue", "1").output())
          .isEqualTo(List.of("queue", "job"));
    }
  }

  @Test
  void authenticate_onACluster_failsNotOnClusterWithoutSendingIt() {
    try (Connection dedicated =
        Redis.getDedicatedConnection(manager, Duration.ofSeconds(5)).orThrow()) {
      Authenticate.Result result = Redis.authenticate(dedicated, "user", "password");

      assertThat(result.exitName()).isEqualTo("failed");
      assertThat(((Exit.Failed) result).error().code()).isEqualTo(RedisErrorCode.NOT_ON_CLUSTER);
      assertThat(Redis.sendCommand(dedicated, "GET", "k").isSuccess()).isTrue();
    }
  }

  @Test
  void serverInfo_saysCluster() {
    ServerDescription server = Redis.serverInfo(connection).orThrow();

    assertThat(server.mode()).isEqualTo(ServerDescription.Mode.CLUSTER);
  }

  @Test
  void getOrCacheValue_lockOnAnotherMaster_computesOnce_andLeavesNoLock() throws IOException {
    ClusterTopology cluster = redis.cluster();
    String key = null;
    for (int i = 0; key == null; i++) {
      String candidate = "report-" + i;
      if (!cluster
          .masterOf(cluster.keySlot(candidate))
          .equals(cluster.masterOf(cluster.keySlot(candidate + ":mp-lock")))) {
        key = candidate;
      }
    }
    String onAnother = key;
    AtomicInteger calls = new AtomicInteger();
    List<CompletableFuture<GetOrCacheValue.Result<Integer>>> callers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      callers.add(
          Redis.getOrCacheValueAsync(
                  connection,
                  onAnother,
                  Integer.class,
                  Duration.ofMinutes(1),
                  () -> CompletableFuture.completedFuture(calls.incrementAndGet()))
              .toCompletableFuture());
    }

    for (CompletableFuture<GetOrCacheValue.Result<Integer>> caller : callers) {
      assertThat(caller.join().orThrow().value()).isEqualTo(1);
    }
    assertThat(calls.get()).isEqualTo(1);
    assertThat(cluster.masterOf(cluster.keySlot(onAnother)).command("GET", onAnother))
        .isEqualTo("1");
    assertThat(
            cluster
                .masterOf(cluster.keySlot(onAnother + ":mp-lock"))
                .command("EXISTS", onAnother + ":mp-lock"))
        .isEqualTo(0L);
    assertThat(cluster.keySlot("{user:1}:profile:mp-lock"))
        .as("a hash tag keeps the lock in the key's slot")
        .isEqualTo(cluster.keySlot("{user:1}:profile"));
  }

  @Test
  void standaloneStringToAClusterNode_redirectSaysToUseRedisCluster() {
    RedisServer node = redis.cluster().masters().get(0);
    String elsewhere =
        keysOnEveryMaster(30).keySet().stream()
            .filter(key -> !redis.cluster().masterOf(redis.cluster().keySlot(key)).equals(node))
            .findFirst()
            .orElseThrow();
    try (Manager single = Redis.createManager("redis://127.0.0.1:" + node.port()).orThrow();
        Connection one = Redis.getConnection(single).orThrow()) {
      GetCachedValue.Result<Object> result = Redis.getCachedValue(one, elsewhere);

      assertThat(result.exitName()).isEqualTo("error");
      assertThat(((Exit.Failed) result).error().message())
          .contains("MOVED")
          .contains("connect with redis-cluster://");
    }
  }
}
