package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.MachineObserver;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Manager#addObserver}: which runs an observer hears of, and that removing it stops them.
 */
@Tag("server")
class ManagerObserverTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  record Heard(String machine, String exit, Object code) {}

  @Test
  void addObserver_hearsGetConnectionAndEveryMachineOnItsLeases_untilRemoved() {
    List<Heard> heard = new CopyOnWriteArrayList<>();
    MachineObserver observer =
        (machine, exit, nanos) -> {
          assertThat(nanos).isPositive();
          heard.add(
              new Heard(
                  machine.identity(),
                  exit.exitName(),
                  exit instanceof Exit.Failed f ? f.error().code() : null));
        };
    try (Manager manager = Redis.createManager(redis.server().uri()).orThrow();
        Manager other = Redis.createManager(redis.server().uri()).orThrow()) {
      manager.addObserver(observer);
      Connection c = Redis.getConnection(manager).orThrow();
      Redis.cacheValue(c, "observed", 1).orThrow();
      Redis.getCachedValue(c, "observed", Integer.class).orThrow();
      Redis.getCachedValue(c, "missing");
      GetCachedValue.INSTANCE
          .runAsync(new GetCachedValue.Inputs(c, "observed", null), ReadAs.of(Integer.class))
          .toCompletableFuture()
          .join();
      Redis.releaseConnection(c).orThrow();
      Redis.getCachedValue(c, "observed"); // released: badConnection, still this manager's lease
      Redis.getCachedValue(Redis.getConnection(other).orThrow(), "observed"); // another manager

      manager.removeObserver(observer);
      Redis.getConnection(manager).orThrow();

      assertThat(heard)
          .extracting(Heard::machine, Heard::exit, Heard::code)
          .containsExactly(
              tuple("get-connection", "success", null),
              tuple("cache-value", "success", null),
              tuple("get-cached-value", "success", null),
              tuple("get-cached-value", "notFound", null),
              tuple("get-cached-value", "success", null),
              tuple("release-connection", "success", null),
              tuple("get-cached-value", "badConnection", RedisErrorCode.CONNECTION_RELEASED));
    }
  }
}
