package dev.mpredis.spring;

import dev.mpredis.machine.Exit;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.GetConnection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.ServerDescription;
import dev.mpredis.redis.ServerInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One health check of a manager, independent of Spring Boot's health API (whose package differs
 * between Boot 3 and 4): a shared lease within the timeout, {@code server-info}, release. Up with
 * the server's {@code version}, {@code mode} and {@code role}; down with the classified error
 * {@code code} (a {@code RedisErrorCode} name) and its message, which never holds a password.
 * Thread-safe.
 */
public final class MpRedisHealth {

  /**
   * What a check found.
   *
   * @param up whether the server answered
   * @param details what to show: version, mode and role, or code, exit and message
   */
  public record Report(boolean up, Map<String, Object> details) {
    public Report {
      details = Map.copyOf(details);
    }
  }

  private final Manager manager;
  private final Duration timeout;

  /** Checks {@code manager}, waiting at most {@code timeout} for a connection. */
  public MpRedisHealth(Manager manager, Duration timeout) {
    this.manager = Objects.requireNonNull(manager, "manager");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Runs one check. Never throws for a failure of the server or the connection. */
  public Report check() {
    GetConnection.Result leased = Redis.getConnection(manager, timeout);
    if (!(leased instanceof GetConnection.Success success)) {
      return down(leased);
    }
    Connection connection = success.connection();
    try {
      ServerInfo.Result info = Redis.serverInfo(connection);
      if (!(info instanceof ServerInfo.Success found)) {
        return down(info);
      }
      ServerDescription server = found.server();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("version", server.version());
      details.put("mode", server.mode().text());
      details.put("role", server.role().text());
      details.put("target", manager.target());
      return new Report(true, details);
    } finally {
      Redis.releaseConnection(connection);
    }
  }

  private Report down(Exit<?> exit) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("target", manager.target());
    details.put("exit", exit.exitName());
    if (exit instanceof Exit.Failed failed) {
      details.put("code", failed.error().code().name());
      details.put("message", failed.error().message());
    }
    return new Report(false, details);
  }
}
