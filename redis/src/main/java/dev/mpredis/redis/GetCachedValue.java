package dev.mpredis.redis;

import com.fasterxml.jackson.databind.JavaType;
import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.ClassifiedFailure;
import dev.mpredis.redis.internal.JsonValues;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.NearCopy;
import dev.mpredis.redis.internal.NearReads;
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
            + " text that is not JSON exits error with VALUE_NOT_JSON naming the key. "
            + ValueTexts.READ_LIMITS,
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
   * The exits; {@code T} is the type the value was read as ({@code Object}, plain JSON data, unless
   * the caller named one). Handle every exit ({@code switch} on Java 21+, or {@link #match}), or
   * take the maybe path of {@link MaybeValue}, where {@code notFound} is a miss.
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
  public record Success<T>(T value) implements Result<T>, PlainValue<T>, Exit.Successful {}

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

  /** {@link #fetch} as a reading, made once rather than on every typed call. */
  private final Reading<Inputs, Result<Object>> fetching = this::fetch;

  @Override
  CompletionStage<Result<Object>> work(Lease lease, Inputs inputs) {
    return fetch(lease, inputs, null);
  }

  /**
   * Runs the machine reading the value as {@code type} (plain data binding, never polymorphic; a
   * text that does not fit exits {@code error} with VALUE_NOT_CONVERTIBLE); never fails its stage.
   */
  public <T> CompletionStage<Result<T>> runAsync(Inputs inputs, ReadAs<T> type) {
    return retyped(runAsyncOnLease(inputs, type, fetching));
  }

  /** As {@link #runAsync(Inputs, ReadAs)}, building the inputs and waiting for the exit. */
  public <T> Result<T> run(Supplier<Inputs> inputs, ReadAs<T> type) {
    return retyped(runOnLease(inputs, type, fetching));
  }

  private CompletionStage<Result<Object>> fetch(Lease lease, Inputs inputs, JavaType type) {
    String stored = lease.key(inputs.key());
    NearCopy hit = NearReads.hit(lease, stored);
    if (hit != null) {
      return CompletableFuture.completedFuture(decode(inputs.key(), hit, type));
    }
    return NearReads.missed(lease, stored)
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

  private static Result<Object> decode(String key, NearCopy hit, JavaType type) {
    try {
      return new Success<>(JsonValues.decode(key, hit, type));
    } catch (ClassifiedFailure e) {
      return new Error<>(e.error());
    }
  }

  private static Result<Object> decode(String key, byte[] json, JavaType type) {
    try {
      return new Success<>(JsonValues.decode(key, json, type));
    } catch (ClassifiedFailure e) {
      return new Error<>(e.error());
    }
  }
}
