package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.InvalidInputException;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.MachineObserver;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.ClassifiedFailure;
import dev.mpredis.redis.internal.DefaultManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code get-connection}: leases an active, authenticated connection within a timeout. */
@Describe(
    friendlyName = "Get connection",
    description = "Lease an active, authenticated connection from the manager.",
    extendedDescription =
        "By default the lease shares the manager's one multiplexed connection: after the first"
            + " call it costs no round trip. With meta {\"dedicated\": true} the lease gets a socket"
            + " of its own (at most 64 per manager), needed by machines that change connection"
            + " state such as authenticate; it is closed on release. If the shared connection is"
            + " reconnecting, the call waits for it at most `timeout`.",
    sideEffects = SideEffects.NONE)
public final class GetConnection extends Machine<GetConnection.Inputs, GetConnection.Result> {

  /** The one instance. */
  public static final GetConnection INSTANCE = new GetConnection();

  /** Default of {@code timeout}: 15 seconds. */
  public static final long DEFAULT_TIMEOUT_MS = 15_000;

  private GetConnection() {
    super(Inputs.class, Result.class, RedisErrorCode::of);
  }

  /** The inputs of {@code get-connection}. */
  public record Inputs(
      @Input(description = "The manager to lease from.") Manager manager,
      @Input(
              description = "How long to wait for the connection to be ready, in milliseconds.",
              required = false,
              defaultValue = "15000",
              example = "2000")
          Long timeout,
      @Input(
              description = "Extras: {\"dedicated\": true} asks for a socket of its own.",
              required = false,
              example = "{\"dedicated\": true}")
          Map<String, Object> meta) {

    public Inputs {
      Checks.required("manager", manager);
      if (!(manager instanceof DefaultManager)) {
        throw new InvalidInputException("manager", "is not a manager of this library");
      }
      timeout = Checks.timeout("timeout", timeout, DEFAULT_TIMEOUT_MS);
      Object dedicated = meta == null ? null : meta.get("dedicated");
      if (dedicated != null && !(dedicated instanceof Boolean)) {
        throw new InvalidInputException("meta", "key 'dedicated' must be true or false");
      }
    }

    boolean dedicated() {
      return meta != null && Boolean.TRUE.equals(meta.get("dedicated"));
    }
  }

  /** The exits of {@code get-connection}. */
  public sealed interface Result extends Exit<Connection> permits Success, Failed, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success, Function<Failed, T> failed, Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof Failed f) {
        return failed.apply(f);
      }
      return error.apply((Error) this);
    }
  }

  /** The lease is active; release it with release-connection. */
  @ExitDoc("The lease is active; release it with release-connection.")
  public record Success(Connection connection) implements Result, Exit.Successful {}

  /**
   * No connection within the timeout. The code says why: BAD_PASSWORD, PASSWORD_REQUIRED,
   * CONNECTION_REFUSED, UNKNOWN_HOST, CONNECT_TIMEOUT, TLS_FAILURE, CONNECTION_LOST,
   * MANAGER_DESTROYED, TOO_MANY_CONNECTIONS.
   */
  @ExitDoc(
      value =
          "No connection within the timeout; the code says why (BAD_PASSWORD, PASSWORD_REQUIRED,"
              + " CONNECTION_REFUSED, UNKNOWN_HOST, CONNECT_TIMEOUT, TLS_FAILURE, CONNECTION_LOST,"
              + " MANAGER_DESTROYED, TOO_MANY_CONNECTIONS).",
      outputExample = "CONNECTION_REFUSED: connection refused by 127.0.0.1:6379")
  public record Failed(MachineError error) implements Result, Exit.Failed {}

  /** The {@code error} exit. */
  public record Error(MachineError error) implements Result, Exit.Failed {}

  /** The manager's observer. */
  @Override
  protected MachineObserver observer(Inputs inputs) {
    return ((DefaultManager) inputs.manager()).observer();
  }

  @Override
  protected CompletionStage<Result> execute(Inputs inputs) {
    return ((DefaultManager) inputs.manager())
        .acquire(Duration.ofMillis(inputs.timeout()), inputs.dedicated())
        .handle(
            (lease, failure) -> {
              if (failure == null) {
                return new Success(lease);
              }
              MachineError error = ClassifiedFailure.errorOf(failure);
              if (error == null) {
                throw new CompletionException(failure);
              }
              return new Failed(error);
            });
  }

  @Override
  protected Duration deadline(Inputs inputs) {
    return Duration.ofMillis(inputs.timeout()).plusSeconds(1);
  }
}
