package dev.mpredis.redis.internal;

import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.RedisErrorCode;
import dev.mpredis.redis.ServerDescription;
import java.util.Optional;

/** Reads what {@code server-info} reports out of the text of INFO sections. */
public final class InfoReplies {

  private InfoReplies() {}

  /**
   * The server's description in its {@code INFO server} and {@code INFO replication} texts.
   *
   * @throws ClassifiedFailure naming the field that is missing or has a value this version does not
   *     know
   */
  public static ServerDescription describe(String server, String replication) {
    Optional<String> version = field(server, "redis_version");
    Optional<String> mode = field(server, "redis_mode");
    Optional<String> role = field(replication, "role");
    if (version.isEmpty() || mode.isEmpty() || role.isEmpty()) {
      throw unexpected(
          "server-info: INFO did not report "
              + (version.isEmpty() ? "redis_version" : mode.isEmpty() ? "redis_mode" : "role"));
    }
    ServerDescription.Mode parsedMode =
        switch (mode.get()) {
          case "standalone" -> ServerDescription.Mode.STANDALONE;
          case "sentinel" -> ServerDescription.Mode.SENTINEL;
          case "cluster" -> ServerDescription.Mode.CLUSTER;
          default -> null;
        };
    ServerDescription.Role parsedRole =
        switch (role.get()) {
          case "master" -> ServerDescription.Role.MASTER;
          case "slave", "replica" -> ServerDescription.Role.REPLICA;
          default -> null;
        };
    if (parsedMode == null || parsedRole == null) {
      throw unexpected(
          "server-info: INFO reported "
              + (parsedMode == null ? "redis_mode:" + mode.get() : "role:" + role.get())
              + ", which this version does not know");
    }
    return new ServerDescription(version.get(), parsedMode, parsedRole);
  }

  private static ClassifiedFailure unexpected(String message) {
    return new ClassifiedFailure(MachineError.of(RedisErrorCode.UNEXPECTED, message));
  }

  /** The value of {@code name:value} in an INFO section. */
  private static Optional<String> field(String info, String name) {
    String prefix = name + ":";
    return info == null
        ? Optional.empty()
        : info.lines()
            .filter(line -> line.startsWith(prefix))
            .map(line -> line.substring(prefix.length()).strip())
            .findFirst();
  }
}
