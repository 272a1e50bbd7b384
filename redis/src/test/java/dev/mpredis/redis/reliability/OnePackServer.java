package dev.mpredis.redis.reliability;

import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the bad-input classes share: one plain server per class, a manager with a shared lease on
 * it, and the kit's own client ({@link ServerWatch}) to see the server unchanged. Test classes run
 * one after another, so each gets its own server and lease in these fields.
 */
abstract class OnePackServer {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  static Manager manager;
  static Connection connection;
  static ServerWatch watch;

  @BeforeAll
  static void connect() {
    manager = Redis.createManager(redis.server().uri()).orThrow();
    connection = Redis.getConnection(manager).orThrow();
    watch = ServerWatch.connect(redis.server().host(), redis.server().port());
  }

  @AfterAll
  static void destroy() throws IOException {
    manager.close();
    watch.close();
  }
}
