package dev.mpredis.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.ClassifiedFailure;
import dev.mpredis.redis.internal.ErrorClassifier;
import dev.mpredis.redis.internal.Json;
import dev.mpredis.redis.internal.JsonValues;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.Text;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code get-cached-value}: reads the value stored under a key. */
@Describe(
    friendlyName = "Get cached value",
    description = "Read the value stored under a key.",
    extendedDescription =
        "The value comes back as plain JSON data: maps, lists, strings, numbers, booleans or"
            + " null (null is a value, not notFound). To read it as a Java type, use"
            + " Success.valueAs(Class) or Redis.getCachedValue(connection, key, Class). A stored"
            + " text that is not JSON exits error with VALUE_NOT_JSON naming the key. Whatever cache-value writes can be read; a text"
            + " written by someone else beyond the same limits (more than 536870912 bytes, nesting"
            + " deeper than 1000, a number longer than 1000 digits, an object key longer than 50000"
            + " characters) exits error with VALUE_NOT_JSON naming the key and the limit. Integers"
            + " come back as Integer, Long or BigInteger (the smallest that fits), other numbers"
            + " as Double (read as BigDecimal to keep every digit; beyond the double range, as 1e400, Infinity).",
    sideEffects = SideEffects.CACHEABLE)
public final class GetCachedValue extends Machine<GetCachedValue.Inputs, GetCachedValue.Result> {

  /** The one instance. */
  public static final GetCachedValue INSTANCE = new GetCachedValue();

  private GetCachedValue() {
    super(Inputs.class, Result.class, RedisErrorCode::of);
  }

  /** The inputs of {@code get-cached-value}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "The key.", example = "\"stuff\"") String key,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta) {

    public Inputs {
      Checks.key("key", key);
    }
  }

  /** The exits of {@code get-cached-value}. */
  public sealed interface Result extends Exit<Object>
      permits Success, NotFound, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success,
        Function<NotFound, T> notFound,
        Function<BadConnection, T> badConnection,
        Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof NotFound n) {
        return notFound.apply(n);
      } else if (this instanceof BadConnection b) {
        return badConnection.apply(b);
      }
      return error.apply((Error) this);
    }
  }

  /** The key holds a value. */
  @ExitDoc(value = "The key holds a value.", outputExample = "\"things\"")
  public record Success(Object value) implements Result, Exit.Successful {

    /**
     * The value converted to {@code type} (plain data binding; the stored text can never choose a
     * class).
     *
     * @throws IllegalArgumentException if the value does not fit the type
     */
    public <T> T valueAs(Class<T> type) {
      return Json.mapper().convertValue(value, type);
    }

    /**
     * The value converted to a generic type.
     *
     * @throws IllegalArgumentException if the value does not fit the type
     */
    public <T> T valueAs(TypeReference<T> type) {
      return Json.mapper().convertValue(value, type);
    }
  }

  /** The key does not exist (or has expired). */
  @ExitDoc("The key does not exist, or has expired.")
  public record NotFound() implements Result {}

  /** The connection was released, its manager destroyed, or it is not a connection. */
  @ExitDoc(value = ExitTexts.BAD_CONNECTION, outputExample = ExitTexts.BAD_CONNECTION_EXAMPLE)
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** Unexpected failure, bad inputs, a stored text that is not JSON, or a server failure. */
  @ExitDoc(
      value =
          "Unexpected failure, bad inputs, a stored text that is not JSON (VALUE_NOT_JSON), or a"
              + " failure of the server or connection (the code says which).",
      outputExample = "VALUE_NOT_JSON: the value of key 'k' is not valid JSON")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  protected CompletionStage<Result> execute(Inputs inputs) {
    return fetch(inputs, null);
  }

  /**
   * Runs the machine, reading the value straight into {@code type} (plain data binding, never
   * polymorphic). A stored JSON text that does not fit the type exits {@code error} with {@link
   * RedisErrorCode#VALUE_NOT_CONVERTIBLE}. The stage never completes exceptionally.
   */
  public CompletionStage<Result> runAsync(Inputs inputs, JavaType type) {
    return guard(() -> fetch(inputs, type));
  }

  /**
   * Builds the inputs and runs the machine with every value read as {@code type}, waiting at most
   * the machine's deadline; bad inputs end in the {@code error} exit.
   */
  public Result run(Supplier<Inputs> inputs, JavaType type) {
    return run(inputs, built -> fetch(built, type));
  }

  private CompletionStage<Result> fetch(Inputs inputs, JavaType type) {
    MachineError problem = Lease.problem(inputs.connection());
    if (problem != null) {
      return CompletableFuture.completedFuture(new BadConnection(problem));
    }
    Lease lease = (Lease) inputs.connection();
    return lease
        .commands()
        .get(lease.key(inputs.key()))
        .handle(
            (json, failure) -> {
              if (failure != null) {
                return new Error(
                    ErrorClassifier.commandFailure(
                        failure, "get-cached-value of key " + Text.quote(inputs.key())));
              }
              return json == null ? new NotFound() : decode(inputs.key(), json, type);
            });
  }

  private static Result decode(String key, byte[] json, JavaType type) {
    try {
      return new Success(JsonValues.decode(key, json, type));
    } catch (ClassifiedFailure e) {
      return new Error(e.error());
    }
  }

  @Override
  protected Result error(MachineError error) {
    return new Error(error);
  }
}
