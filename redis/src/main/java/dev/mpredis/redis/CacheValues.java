package dev.mpredis.redis;

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
import dev.mpredis.redis.internal.JsonValues;
import dev.mpredis.redis.internal.Lease;
import io.lettuce.core.SetArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code cache-values}: stores many values in one go. */
@Describe(
    friendlyName = "Cache values",
    description = "Store many values at once, as JSON, optionally expiring after ttl seconds.",
    extendedDescription =
        "Every value is written as JSON first; if any cannot be, nothing is written. Without a"
            + " ttl the values go out as MSET commands of up to 1000 keys (each batch atomic);"
            + " with a ttl as pipelined SET ... EX commands, so every key gets its expiry in the"
            + " command that writes it. A failure midway may leave earlier batches written. Each"
            + " value has the limits of cache-value (at most 536870912 bytes of JSON, nesting 1000"
            + " deep, numbers of 1000 digits, object keys of 50000 characters); a value beyond"
            + " them exits error with INVALID_INPUT naming its key and the limit, and nothing is"
            + " written. ttl is at most 3153600000 seconds (100 years).",
    sideEffects = SideEffects.IDEMPOTENT)
public final class CacheValues extends Machine<CacheValues.Inputs, CacheValues.Result> {

  /** The one instance. */
  public static final CacheValues INSTANCE = new CacheValues();

  /** Keys per MSET command. */
  static final int BATCH = 1000;

  private CacheValues() {
    super(Inputs.class, Result.class, RedisErrorCode::of);
  }

  /** The inputs of {@code cache-values}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(
              description = "The values by key; each value anything JSON can represent.",
              example = "{\"user:1\": {\"name\": \"Ada\"}, \"user:2\": null}")
          Map<String, Object> values,
      @Input(
              description =
                  "Seconds until the values expire; 0 for never; at most 3153600000 (100 years).",
              required = false,
              defaultValue = "0",
              example = "3600")
          Long ttl,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta) {

    public Inputs {
      Checks.required("values", values);
      for (Object key : values.keySet()) {
        if (key != null && !(key instanceof String)) {
          throw new dev.mpredis.machine.InvalidInputException(
              "values", "must have string keys, has a " + key.getClass().getSimpleName());
        }
      }
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      ttl = Checks.ttl("ttl", ttl);
    }
  }

  /** The exits of {@code cache-values}. */
  public sealed interface Result extends Exit<Void>
      permits Success, InvalidKeys, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success,
        Function<InvalidKeys, T> invalidKeys,
        Function<BadConnection, T> badConnection,
        Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof InvalidKeys i) {
        return invalidKeys.apply(i);
      } else if (this instanceof BadConnection b) {
        return badConnection.apply(b);
      }
      return error.apply((Error) this);
    }
  }

  /** Every value is stored. */
  @ExitDoc("Every value is stored.")
  public record Success() implements Result, Exit.Successful {}

  /** A key is null, empty or not valid Unicode; nothing was written. */
  @ExitDoc(
      value = "A key is null, empty or not valid Unicode; nothing was written.",
      outputExample = "INVALID_INPUT: values has a key that must not be empty")
  public record InvalidKeys(MachineError error) implements Result, Exit.Failed {}

  /** The connection was released, its manager destroyed, or it is not a connection. */
  @ExitDoc(value = ExitTexts.BAD_CONNECTION, outputExample = ExitTexts.BAD_CONNECTION_EXAMPLE)
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** Unexpected failure, bad inputs, a value that is not serializable, or a server failure. */
  @ExitDoc(
      value =
          "Unexpected failure, bad inputs, a value that cannot be written as JSON (nothing is"
              + " written), or a failure of the server or connection (the code says which).",
      outputExample = "VALUE_NOT_SERIALIZABLE: the value for key 'k' cannot be written as JSON")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  protected CompletionStage<Result> execute(Inputs inputs) {
    MachineError problem = Lease.problem(inputs.connection());
    if (problem != null) {
      return CompletableFuture.completedFuture(new BadConnection(problem));
    }
    Lease lease = (Lease) inputs.connection();
    Map<String, byte[]> encoded = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : inputs.values().entrySet()) {
      String keyProblem = Checks.keyProblem(entry.getKey());
      if (keyProblem != null) {
        return CompletableFuture.completedFuture(
            new InvalidKeys(
                MachineError.of(
                    RedisErrorCode.INVALID_INPUT, "values has a key that " + keyProblem)));
      }
      try {
        encoded.put(
            lease.key(entry.getKey()),
            JsonValues.encode("values", entry.getKey(), entry.getValue()));
      } catch (ClassifiedFailure e) {
        return CompletableFuture.completedFuture(new Error(e.error()));
      }
    }
    if (encoded.isEmpty()) {
      return CompletableFuture.completedFuture(new Success());
    }
    List<CompletableFuture<String>> commands =
        inputs.ttl() > 0 ? setEach(lease, encoded, inputs.ttl()) : msetBatches(lease, encoded);
    return CompletableFuture.allOf(commands.toArray(new CompletableFuture<?>[0]))
        .handle(
            (ignored, failure) ->
                failure == null
                    ? new Success()
                    : new Error(ErrorClassifier.commandFailure(failure, "cache-values")));
  }

  private static List<CompletableFuture<String>> msetBatches(
      Lease lease, Map<String, byte[]> encoded) {
    List<CompletableFuture<String>> commands = new ArrayList<>();
    Map<String, byte[]> batch = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> entry : encoded.entrySet()) {
      batch.put(entry.getKey(), entry.getValue());
      if (batch.size() == BATCH) {
        commands.add(lease.commands().mset(batch).toCompletableFuture());
        batch = new LinkedHashMap<>();
      }
    }
    if (!batch.isEmpty()) {
      commands.add(lease.commands().mset(batch).toCompletableFuture());
    }
    return commands;
  }

  private static List<CompletableFuture<String>> setEach(
      Lease lease, Map<String, byte[]> encoded, long ttl) {
    SetArgs expiry = SetArgs.Builder.ex(ttl);
    List<CompletableFuture<String>> commands = new ArrayList<>(encoded.size());
    encoded.forEach(
        (key, json) -> commands.add(lease.commands().set(key, json, expiry).toCompletableFuture()));
    return commands;
  }

  @Override
  protected Result error(MachineError error) {
    return new Error(error);
  }
}
