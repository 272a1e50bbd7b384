package dev.mpredis.redis;

import dev.mpredis.machine.ConnectionNeed;
import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.RawCommands;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code authenticate}: runs AUTH on a dedicated connection. */
@Describe(
    friendlyName = "Authenticate",
    description = "Authenticate a dedicated connection as a user (AUTH).",
    extendedDescription =
        "AUTH changes the state of a connection, so it runs only on a dedicated lease (get-connection"
            + " with meta {\"dedicated\": true}); on a shared lease it exits failed with"
            + " DEDICATED_CONNECTION_REQUIRED, because it would change the identity of every other"
            + " lease. Without a username, the default user is meant. On a cluster it exits failed"
            + " with NOT_ON_CLUSTER: a cluster connection holds a link to every master, made and"
            + " remade as the topology changes, so give the user in the connection string (one"
            + " manager per user).",
    sideEffects = SideEffects.IDEMPOTENT,
    connection = ConnectionNeed.DEDICATED)
public final class Authenticate
    extends ConnectionMachine<Authenticate.Inputs, Authenticate.Result> {

  /** The one instance. */
  public static final Authenticate INSTANCE = new Authenticate();

  private Authenticate() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code authenticate}. */
  public record Inputs(
      @Input(description = "A dedicated connection.") Connection connection,
      @Input(description = "The password.", sensitive = true) String password,
      @Input(
              description = "The ACL user name; absent for the default user.",
              required = false,
              example = "\"app\"")
          String username,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      Checks.required("password", password);
    }

    @Override
    public String toString() {
      return "Inputs[connection=" + connection + ", password=****, username=" + username + "]";
    }
  }

  /** The exits of {@code authenticate}. */
  public sealed interface Result extends Exit<Void> permits Success, Failed, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success,
        Function<Failed, T> failed,
        Function<BadConnection, T> badConnection,
        Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof Failed f) {
        return failed.apply(f);
      } else if (this instanceof BadConnection b) {
        return badConnection.apply(b);
      }
      return error.apply((Error) this);
    }
  }

  /** The connection now acts as the user. */
  @ExitDoc("The connection now acts as the user.")
  public record Success() implements Result, Exit.Successful {}

  /** Rejected credentials (BAD_PASSWORD), a shared lease, or a connection failure. */
  @ExitDoc(
      value =
          "The server rejected the credentials (BAD_PASSWORD), the lease is shared"
              + " (DEDICATED_CONNECTION_REQUIRED), the connection is a cluster's (NOT_ON_CLUSTER),"
              + " or the connection failed.",
      outputExample = "BAD_PASSWORD: authenticate: the server answered 'WRONGPASS ...'")
  public record Failed(MachineError error) implements Result, Exit.Failed {}

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** The {@code error} exit. */
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    MachineError cluster = RawCommands.clusterProblem("authenticate", "AUTH", lease.isCluster());
    if (cluster != null) {
      return CompletableFuture.completedFuture(new Failed(cluster));
    }
    CompletionStage<String> auth =
        inputs.username() == null
            ? lease.commands().auth(inputs.password())
            : lease.commands().auth(inputs.username(), inputs.password());
    return auth.handle(
        (ok, failure) ->
            failure == null
                ? new Success()
                : new Failed(lease.commandFailure(failure, "authenticate")));
  }

  @Override
  Result sharedConnectionRefused(MachineError error) {
    return exit("failed", error);
  }
}
