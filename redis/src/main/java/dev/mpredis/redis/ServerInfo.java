package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.ClassifiedFailure;
import dev.mpredis.redis.internal.InfoReplies;
import dev.mpredis.redis.internal.Lease;
import java.util.Map;
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
public final class ServerInfo extends ConnectionMachine<ServerInfo.Inputs, ServerInfo.Result> {

  /** The one instance. */
  public static final ServerInfo INSTANCE = new ServerInfo();

  private ServerInfo() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code server-info}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

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

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** Unexpected failure, bad inputs, a refusal of INFO, or a server or connection failure. */
  @ExitDoc(
      value =
          "Unexpected failure, bad inputs, or a failure of the server or connection (the code says"
              + " which; NO_PERMISSION for an ACL user without INFO).",
      outputExample = "NO_PERMISSION: server-info: the server answered 'NOPERM ...'")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    CompletionStage<String> server = lease.commands().info("server");
    CompletionStage<String> replication = lease.commands().info("replication");
    return server
        .thenCombine(replication, ServerInfo::describe)
        .handle(
            (result, failure) ->
                failure == null ? result : new Error(lease.commandFailure(failure, "server-info")));
  }

  /** The description in two INFO sections, or {@code error} naming what is missing. */
  static Result describe(String server, String replication) {
    try {
      return new Success(InfoReplies.describe(server, replication));
    } catch (ClassifiedFailure e) {
      return new Error(e.error());
    }
  }
}
