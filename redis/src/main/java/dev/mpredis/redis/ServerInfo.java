package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.ErrorClassifier;
import dev.mpredis.redis.internal.Lease;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code server-info}: the version, mode and replication role of the connection's server. */
@Describe(
    friendlyName = "Server info",
    description = "Read the server's version, mode and replication role.",
    extendedDescription =
        "Runs INFO server and INFO replication. The mode is redis_mode: standalone (also a master"
            + " or replica whose failover Sentinel manages), sentinel or cluster; the role is"
            + " master or replica. For health checks: a replica refuses writes.",
    sideEffects = SideEffects.IDEMPOTENT)
public final class ServerInfo extends Machine<ServerInfo.Inputs, ServerInfo.Result> {

  /** The one instance. */
  public static final ServerInfo INSTANCE = new ServerInfo();

  private ServerInfo() {
    super(Inputs.class, Result.class, RedisErrorCode::of);
  }

  /** The inputs of {@code server-info}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta) {

    public Inputs {
      Checks.required("connection", connection);
    }
  }

  /** The exits of {@code server-info}. */
  public sealed interface Result extends Exit<ServerDescription>
      permits Success, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success,
        Function<BadConnection, T> badConnection,
        Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof BadConnection b) {
        return badConnection.apply(b);
      }
      return error.apply((Error) this);
    }
  }

  /** What the server reported. */
  @ExitDoc(
      value = "The server's version, mode and replication role.",
      outputExample = "{\"version\": \"7.2.4\", \"mode\": \"standalone\", \"role\": \"master\"}")
  public record Success(ServerDescription server) implements Result, Exit.Successful {}

  /** The connection was released, its manager destroyed, or it is not a connection. */
  @ExitDoc(value = ExitTexts.BAD_CONNECTION, outputExample = ExitTexts.BAD_CONNECTION_EXAMPLE)
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** Unexpected failure, bad inputs, a refusal of INFO, or a server or connection failure. */
  @ExitDoc(
      value =
          "Unexpected failure, bad inputs, or a failure of the server or connection (the code says"
              + " which; NO_PERMISSION for an ACL user without INFO).",
      outputExample = "NO_PERMISSION: server-info: the server answered 'NOPERM ...'")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  protected CompletionStage<Result> execute(Inputs inputs) {
    MachineError problem = Lease.problem(inputs.connection());
    if (problem != null) {
      return CompletableFuture.completedFuture(new BadConnection(problem));
    }
    Lease lease = (Lease) inputs.connection();
    CompletionStage<String> server = lease.commands().info("server");
    CompletionStage<String> replication = lease.commands().info("replication");
    return server
        .thenCombine(replication, ServerInfo::describe)
        .handle(
            (result, failure) ->
                failure == null
                    ? result
                    : new Error(ErrorClassifier.commandFailure(failure, "server-info")));
  }

  /** The description in two INFO sections, or {@code error} naming what is missing. */
  static Result describe(String server, String replication) {
    Optional<String> version = field(server, "redis_version");
    Optional<String> mode = field(server, "redis_mode");
    Optional<String> role = field(replication, "role");
    if (version.isEmpty() || mode.isEmpty() || role.isEmpty()) {
      return new Error(
          MachineError.of(
              RedisErrorCode.UNEXPECTED,
              "server-info: INFO did not report "
                  + (version.isEmpty()
                      ? "redis_version"
                      : mode.isEmpty() ? "redis_mode" : "role")));
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
      return new Error(
          MachineError.of(
              RedisErrorCode.UNEXPECTED,
              "server-info: INFO reported "
                  + (parsedMode == null ? "redis_mode:" + mode.get() : "role:" + role.get())
                  + ", which this version does not know"));
    }
    return new Success(new ServerDescription(version.get(), parsedMode, parsedRole));
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

  @Override
  protected Result error(MachineError error) {
    return new Error(error);
  }
}
