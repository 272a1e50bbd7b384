package dev.mpredis.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.ClassifiedFailure;
import dev.mpredis.redis.internal.Json;
import dev.mpredis.redis.internal.JsonValues;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.Text;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
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
public final class GetCachedValue
    extends ConnectionMachine<GetCachedValue.Inputs, GetCachedValue.Result<Object>> {

  /** The one instance. */
  public static final GetCachedValue INSTANCE = new GetCachedValue();

  @SuppressWarnings("unchecked") // the dynamic face's results hold plain JSON data
  private GetCachedValue() {
    super(Inputs.class, (Class<Result<Object>>) (Class<?>) Result.class);
  }

  /** The inputs of {@code get-cached-value}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "The key.", example = "\"stuff\"") String key,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      Checks.key("key", key);
    }
  }

  /**
   * The exits of {@code get-cached-value}; {@code T} is the type the value was read as ({@code
   * Object}, plain JSON data, unless the caller named a type). Handle every exit with a {@code
   * switch} (Java 21+) or {@link #match}, or take the maybe path: {@link #asOptional()}, {@link
   * #orElse(Object)}, {@link #orElseGet(Supplier)}, where {@code notFound} is a miss and every
   * failure still throws.
   *
   * @param <T> the type of the value
   */
  public sealed interface Result<T> extends MaybeValue<T>
      permits Success, NotFound, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <U> U match(
        Function<? super Success<T>, ? extends U> success,
        Function<? super NotFound<T>, ? extends U> notFound,
        Function<? super BadConnection<T>, ? extends U> badConnection,
        Function<? super Error<T>, ? extends U> error) {
      if (this instanceof Success<T> s) {
        return success.apply(s);
      } else if (this instanceof NotFound<T> n) {
        return notFound.apply(n);
      } else if (this instanceof BadConnection<T> b) {
        return badConnection.apply(b);
      }
      return error.apply((Error<T>) this);
    }
  }

  /** The key holds a value (a JSON {@code null} is one). */
  @ExitDoc(value = "The key holds a value.", outputExample = "\"things\"")
  public record Success<T>(T value) implements Result<T>, Exit.Successful {

    /**
     * The value converted to {@code type} (plain data binding; the stored text can never choose a
     * class).
     *
     * @throws IllegalArgumentException if the value does not fit the type
     */
    public <V> V valueAs(Class<V> type) {
      return Json.mapper().convertValue(value, type);
    }

    /**
     * The value converted to a generic type.
     *
     * @throws IllegalArgumentException if the value does not fit the type
     */
    public <V> V valueAs(TypeReference<V> type) {
      return Json.mapper().convertValue(value, type);
    }
  }

  /** The key does not exist (or has expired). */
  @ExitDoc("The key does not exist, or has expired.")
  public record NotFound<T>() implements Result<T> {}

  /** The {@code badConnection} exit. */
  public record BadConnection<T>(MachineError error) implements Result<T>, Exit.Failed {}

  /** Unexpected failure, bad inputs, a stored text that is not JSON, or a server failure. */
  @ExitDoc(
      value =
          "Unexpected failure, bad inputs, a stored text that is not JSON (VALUE_NOT_JSON), or a"
              + " failure of the server or connection (the code says which).",
      outputExample = "VALUE_NOT_JSON: the value of key 'k' is not valid JSON")
  public record Error<T>(MachineError error) implements Result<T>, Exit.Failed {}

  @Override
  CompletionStage<Result<Object>> work(Lease lease, Inputs inputs) {
    return fetch(lease, inputs, null);
  }

  /**
   * Runs the machine, reading the value straight into {@code type} (plain data binding, never
   * polymorphic). A stored JSON text that does not fit the type exits {@code error} with {@link
   * RedisErrorCode#VALUE_NOT_CONVERTIBLE}. The stage never completes exceptionally.
   */
  public <T> CompletionStage<Result<T>> runAsync(Inputs inputs, Class<T> type) {
    return retyped(
        runAsyncOnLease(inputs, readingAs(() -> Json.type(Checks.required("type", type)))));
  }

  /** Like {@link #runAsync(Inputs, Class)}, for a generic type. */
  public <T> CompletionStage<Result<T>> runAsync(Inputs inputs, TypeReference<T> type) {
    return retyped(
        runAsyncOnLease(inputs, readingAs(() -> Json.type(Checks.required("type", type)))));
  }

  /**
   * Builds the inputs and runs the machine with the value read as {@code type}, waiting at most the
   * machine's deadline; bad inputs end in the {@code error} exit.
   */
  public <T> Result<T> run(Supplier<Inputs> inputs, Class<T> type) {
    return retyped(runOnLease(inputs, readingAs(() -> Json.type(Checks.required("type", type)))));
  }

  /** Like {@link #run(Supplier, Class)}, for a generic type. */
  public <T> Result<T> run(Supplier<Inputs> inputs, TypeReference<T> type) {
    return retyped(runOnLease(inputs, readingAs(() -> Json.type(Checks.required("type", type)))));
  }

  private BiFunction<Lease, Inputs, CompletionStage<Result<Object>>> readingAs(
      Supplier<JavaType> type) {
    return (lease, in) -> fetch(lease, in, type.get());
  }

  private CompletionStage<Result<Object>> fetch(Lease lease, Inputs inputs, JavaType type) {
    return lease
        .commands()
        .get(lease.key(inputs.key()))
        .handle(
            (json, failure) -> {
              if (failure != null) {
                return new Error<>(
                    lease.commandFailure(
                        failure, "get-cached-value of key " + Text.quote(inputs.key())));
              }
              return json == null ? new NotFound<>() : decode(inputs.key(), json, type);
            });
  }

  private static Result<Object> decode(String key, byte[] json, JavaType type) {
    try {
      return new Success<>(JsonValues.decode(key, json, type));
    } catch (ClassifiedFailure e) {
      return new Error<>(e.error());
    }
  }
}
