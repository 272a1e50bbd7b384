package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.InvalidInputException;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code create-connection-url}: builds a connection string from its parts. Pure: no I/O. */
@Describe(
    friendlyName = "Create connection URL",
    description = "Build a Redis connection string from host, port, password and database.",
    extendedDescription =
        "User name and password are percent-encoded, so the URL always parses back to the same"
            + " credentials. The database is written when it is not 0 (0 is the default). An"
            + " empty user name or password counts as none.",
    sideEffects = SideEffects.CACHEABLE)
public final class CreateConnectionUrl
    extends Machine<CreateConnectionUrl.Inputs, CreateConnectionUrl.Result> {

  /** The one instance. */
  public static final CreateConnectionUrl INSTANCE = new CreateConnectionUrl();

  private CreateConnectionUrl() {
    super(Inputs.class, Result.class, RedisErrorCode::of);
  }

  /** The inputs of {@code create-connection-url}. */
  public record Inputs(
      @Input(
              description = "The host name or address.",
              required = false,
              defaultValue = "\"127.0.0.1\"",
              example = "\"redis2go.com\"")
          String host,
      @Input(
              description = "The TCP port.",
              required = false,
              defaultValue = "6379",
              example = "6380")
          Integer port,
      @Input(description = "The password.", required = false, sensitive = true) String pass,
      @Input(description = "The database index.", required = false, example = "15") Integer db,
      @Input(description = "The ACL user name.", required = false, example = "\"app\"")
          String username,
      @Input(
              description = "Whether to connect with TLS (rediss://).",
              required = false,
              defaultValue = "false")
          Boolean tls) {

    public Inputs {
      host = host == null ? "127.0.0.1" : host;
      port = port == null ? 6379 : port;
      tls = tls != null && tls;
      if (port < 1 || port > 65535) {
        throw new InvalidInputException("port", "was set to " + port + ", must be 1 to 65535");
      }
      if (db != null && db < 0) {
        throw new InvalidInputException("db", "was set to " + db + ", must be 0 or more");
      }
    }

    @Override
    public String toString() {
      return "Inputs[host="
          + host
          + ", port="
          + port
          + ", pass="
          + (pass == null ? null : "****")
          + ", db="
          + db
          + ", username="
          + username
          + ", tls="
          + tls
          + "]";
    }
  }

  /** The exits of {@code create-connection-url}. */
  public sealed interface Result extends Exit<String> permits Success, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(Function<Success, T> success, Function<Error, T> error) {
      return this instanceof Success s ? success.apply(s) : error.apply((Error) this);
    }
  }

  /** The connection string. */
  @ExitDoc(
      value = "The connection string.",
      outputExample = "\"redis://127.0.0.1:6379\"",
      bareOutput = true)
  public record Success(String url) implements Result, Exit.Successful {

    @Override
    public String toString() {
      return "Success[url=(may hold a password; not printed)]";
    }
  }

  /** The {@code error} exit. */
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  protected CompletionStage<Result> execute(Inputs inputs) {
    ConnectionStringBuilder url = ConnectionString.builder().tls(inputs.tls());
    try {
      url.standalone(inputs.host(), inputs.port());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("host", "cannot be written into a URL: " + e.getMessage());
    }
    url.database(inputs.db() == null ? 0 : inputs.db())
        .username(emptyIsNone(inputs.username()))
        .password(emptyIsNone(inputs.pass()));
    // Every rule build() applies is met by the inputs checked above: it throws nothing here.
    return CompletableFuture.completedFuture(new Success(url.build().format()));
  }

  private static String emptyIsNone(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
