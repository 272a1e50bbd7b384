package dev.mpredis.redis;

import dev.mpredis.redis.internal.DefaultManager;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The near-cache managers one test makes, on a server whose data is flushed before the test; every
 * manager is destroyed after it. Register as an instance field after the class's {@link
 * RedisExtension}.
 */
final class NearManagers implements BeforeEachCallback, AfterEachCallback {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final RedisExtension redis;
  private final List<Manager> managers = new ArrayList<>();

  NearManagers(RedisExtension redis) {
    this.redis = redis;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    redis.server().command("FLUSHALL");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    managers.forEach(Manager::close);
    managers.clear();
  }

  /**
   * A connection of a new manager for {@code uri} with a near cache and {@code options} (each
   * starting with {@code &}), once its near cache serves.
   */
  Connection connect(String uri, String options) {
    Manager manager = Redis.createManager(uri + "?nearCache=true" + options).orThrow();
    managers.add(manager);
    Connection connection = Redis.getConnection(manager).orThrow();
    Waits.until(
        "the near cache serves",
        DEADLINE,
        () -> ((DefaultManager) manager).nearCache().isServing());
    return connection;
  }
}
