package dev.mpredis.example.shop;

import dev.mpredis.redis.Connection;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.RateLimit;
import dev.mpredis.redis.Redis;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Sessions and login attempts on the machines directly, with the auto-configured {@link Manager}.
 * Each call leases a connection for its duration and releases it (try-with-resources); a failure is
 * an exit the code handles, not an exception from inside the client.
 */
@Service
public class SessionStore {
  /** What a signed-in visitor's session holds. */
  public record Session(String user, String cart) {}

  private static final Duration IDLE = Duration.ofMinutes(30);
  private final Manager manager;

  public SessionStore(Manager manager) {
    this.manager = manager;
  }

  /** Stores (or replaces) the session; it expires after 30 idle minutes. */
  public void save(String id, Session session) {
    try (Connection connection = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(connection, "session:" + id, session, IDLE).orThrow();
    }
  }

  /** The session, or empty when it expired or never existed. A server failure throws. */
  public Optional<Session> find(String id) {
    try (Connection connection = Redis.getConnection(manager).orThrow()) {
      GetCachedValue.Result<Session> read =
          Redis.getCachedValue(connection, "session:" + id, Session.class);
      return read.asOptional();
    }
  }

  /** Whether {@code user} may try to sign in now: 5 attempts a minute. */
  public boolean mayTryToSignIn(String user) {
    try (Connection connection = Redis.getConnection(manager).orThrow()) {
      RateLimit.Result decision =
          Redis.rateLimit(connection, "login:" + user, 5, Duration.ofMinutes(1));
      return decision.orThrow().allowed();
    }
  }
}
