package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpredis.machine.ErrorCode;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitSpec;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.StandardErrorCode;
import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every error a Redis machine reports carries a {@link RedisErrorCode}, also the runtime's own (bad
 * inputs on the typed, async and dynamic faces), so {@code (RedisErrorCode) error.code()} never
 * fails. The runtime's {@code TIMED_OUT} and {@code UNEXPECTED} take the same translation as {@code
 * INVALID_INPUT} ({@code PackCodesTest} in the machine module provokes them).
 */
@Tag("server")
class RedisErrorCodeTest {

  @RegisterExtension
  static final RedisExtension redis =
      RedisExtension.server(b -> b.user(AclUser.readOnly("reader", "reader-pw")));

  @Test
  void of_givesTheNamesakeOfEveryStandardCode_andKeepsRedisCodes() {
    for (StandardErrorCode standard : StandardErrorCode.values()) {
      RedisErrorCode redisCode = RedisErrorCode.of(standard);
      assertThat(redisCode.name()).isEqualTo(standard.name());
      assertThat(redisCode.description()).isEqualTo(standard.description());
    }
    assertThat(RedisErrorCode.of(RedisErrorCode.BUSY)).isSameAs(RedisErrorCode.BUSY);
    assertThat(RedisErrorCode.of(MachineError.of(StandardErrorCode.UNEXPECTED, "x")))
        .isSameAs(RedisErrorCode.UNEXPECTED);
    ErrorCode foreign =
        new ErrorCode() {
          @Override
          public String name() {
            return "OTHER";
          }

          @Override
          public String description() {
            return "another pack's";
          }
        };
    assertThatThrownBy(() -> RedisErrorCode.of(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OTHER");
  }

  @Test
  void everyFailureExitOfEveryMachine_carriesARedisErrorCode() throws Exception {
    List<Exit<?>> exits = new ArrayList<>();
    for (Machine<?, ?> machine : Redis.PACK.machines()) {
      exits.add(machine.run(Map.of()).exit());
      exits.add(machine.run(Map.of("bogus", 1)).exit());
      exits.add(machine.runAsync(Map.of("bogus", 1)).toCompletableFuture().join().exit());
      exits.add(runTypedWithNull(machine));
    }
    String url = redis.server().uri();
    String reader =
        "redis://reader:reader-pw@" + redis.server().host() + ":" + redis.server().port();
    exits.add(Redis.createManager("redis://127.0.0.1:notaport"));
    exits.add(Redis.createManager("rediss://127.0.0.1:6379?caFile=/no/such/ca.pem"));
    exits.add(Redis.createConnectionUrl("h", 70_000, null, null));
    try (Manager manager = Redis.createManager(url).orThrow();
        Manager readOnly = Redis.createManager(reader).orThrow();
        Connection connection = Redis.getConnection(manager).orThrow();
        Connection reading = Redis.getConnection(readOnly).orThrow();
        Connection dedicated =
            Redis.getDedicatedConnection(manager, Duration.ofMillis(5_000)).orThrow()) {
      Connection released = Redis.getConnection(manager).orThrow();
      Redis.releaseConnection(released).orThrow();
      exits.add(Redis.releaseConnection(released));
      exits.add(Redis.cacheValue(released, "k", 1));
      exits.add(Redis.cacheValue(connection, "", 1));
      exits.add(Redis.cacheValues(released, Map.of("k", 1)));
      exits.add(Redis.cacheValues(connection, Map.of("", 1)));
      exits.add(Redis.getCachedValue(released, "k"));
      exits.add(Redis.getCachedValue(connection, "", Integer.class));
      exits.add(Redis.getCachedValues(released, List.of("k")));
      exits.add(Redis.getCachedValues(connection, List.of("")));
      exits.add(Redis.destroyCachedValues(released, List.of("k")));
      exits.add(Redis.destroyCachedValues(connection, List.of("")));
      exits.add(Redis.destroyCachedValues(reading, List.of("k")));
      exits.add(Redis.flushCache(released));
      exits.add(Redis.flushCache(reading));
      exits.add(Redis.serverInfo(released));
      exits.add(Redis.listKeys(released, "*"));
      exits.add(Redis.sendCommand(released, "PING"));
      exits.add(Redis.sendCommand(connection, "EVALSHA", "0".repeat(40), "0"));
      exits.add(Redis.authenticate(released, "pw"));
      exits.add(Redis.acquireLock(released, "lock", Duration.ofSeconds(1), null));
      exits.add(Redis.releaseLock(released, "lock", "t"));
      exits.add(Redis.extendLock(released, "lock", "t", Duration.ofSeconds(1)));
      exits.add(Redis.rateLimit(released, "limit", 1, Duration.ofSeconds(1)));
      exits.add(Redis.authenticate(dedicated, "reader", "not-the-pw"));
      exits.add(Redis.getOrCacheValue(released, "k", Integer.class, null, () -> 1));
      exits.add(
          Redis.getOrCacheValue(
              connection,
              "k",
              Integer.class,
              null,
              () -> {
                throw new IllegalStateException("no");
              }));
      Redis.acquireLock(connection, "held:mp-lock", Duration.ofSeconds(30), null).orThrow();
      exits.add(
          GetOrCacheValue.INSTANCE.run(
              () -> new GetOrCacheValue.Inputs(connection, "held", () -> 1, null, null, 0L, null),
              ReadAs.of(Integer.class)));
      Redis.cacheValue(connection, "text", "not a number").orThrow();
      exits.add(Redis.getCachedValue(connection, "text", Integer.class));
    }
    Manager destroyed = Redis.createManager(url).orThrow();
    Redis.destroyManager(destroyed).orThrow();
    exits.add(Redis.getConnection(destroyed));
    exits.add(Redis.destroyManager(destroyed));

    Set<String> reached = new TreeSet<>();
    for (Exit<?> exit : exits) {
      if (exit instanceof Exit.Failed failed) {
        assertThat(failed.error().code()).as("code of %s", exit).isInstanceOf(RedisErrorCode.class);
        reached.add(identityOf(exit) + "." + exit.exitName());
      }
    }
    Set<String> declared = new TreeSet<>();
    for (Machine<?, ?> machine : Redis.PACK.machines()) {
      for (ExitSpec exit : machine.spec().exits()) {
        if ("error".equals(exit.outputType())) {
          declared.add(machine.identity() + "." + exit.name());
        }
      }
    }
    assertThat(reached).as("failure exits reached").isEqualTo(declared);
  }

  @Test
  void switchOnTheCode_needsNoCastThatCanFail() {
    try (Manager manager = Redis.createManager(redis.server().uri()).orThrow();
        Connection connection = Redis.getConnection(manager).orThrow()) {
      Supplier<Exit<?>> bad = () -> Redis.getCachedValue(connection, "");
      MachineError error = ((Exit.Failed) bad.get()).error();
      String handled =
          switch ((RedisErrorCode) error.code()) {
            case INVALID_INPUT -> "fix the input";
            default -> "other";
          };
      assertThat(handled).isEqualTo("fix the input");
    }
  }

  @SuppressWarnings("unchecked")
  private static Exit<?> runTypedWithNull(Machine<?, ?> machine) {
    return ((Machine<Record, ?>) machine).run((Record) null);
  }

  private static String identityOf(Exit<?> exit) {
    Class<?> machineClass = exit.getClass().getEnclosingClass();
    return Redis.PACK.machines().stream()
        .filter(m -> m.getClass() == machineClass)
        .findFirst()
        .orElseThrow()
        .identity();
  }
}
