package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.ExitKind;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Batches;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.NearReads;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code destroy-cached-values}: deletes the listed keys. */
@Describe(
    friendlyName = "Destroy cached values",
    description = "Delete the values stored under the given keys.",
    extendedDescription =
        "Keys that do not exist are fine, duplicates are ignored, and an empty list succeeds"
            + " without a round trip. A null or empty key anywhere in the list exits invalidKeys"
            + " and deletes nothing. Long lists are deleted in batches of 1000 keys (on a cluster"
            + " split by hash slot, each slot's part deleted on its master).",
    sideEffects = SideEffects.IDEMPOTENT)
public final class DestroyCachedValues
    extends ConnectionMachine<DestroyCachedValues.Inputs, DestroyCachedValues.Result> {

  /** The one instance. */
  public static final DestroyCachedValues INSTANCE = new DestroyCachedValues();

  private DestroyCachedValues() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code destroy-cached-values}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "The keys to delete.", example = "[\"stuff\", \"other\"]")
          List<String> keys,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      keys = Checks.keyListCopy("keys", keys);
    }
  }

  /** The exits of {@code destroy-cached-values}. */
  public sealed interface Result extends Exit<Void>
      permits Success, InvalidKeys, Failed, BadConnection, Error {

    /** Java 17 friendly exhaustive handling: one function per exit. */
    default <T> T match(
        Function<Success, T> success,
        Function<InvalidKeys, T> invalidKeys,
        Function<Failed, T> failed,
        Function<BadConnection, T> badConnection,
        Function<Error, T> error) {
      if (this instanceof Success s) {
        return success.apply(s);
      } else if (this instanceof InvalidKeys i) {
        return invalidKeys.apply(i);
      } else if (this instanceof Failed f) {
        return failed.apply(f);
      } else if (this instanceof BadConnection b) {
        return badConnection.apply(b);
      }
      return error.apply((Error) this);
    }
  }

  /** The keys no longer exist. */
  @ExitDoc("The keys no longer exist.")
  public record Success() implements Result, Exit.Successful {}

  /** A key in the list is null, empty or not valid Unicode; nothing was deleted. */
  @ExitDoc(
      value = "A key in the list is null, empty or not valid Unicode; nothing was deleted.",
      outputExample = "INVALID_INPUT: keys[1] must not be empty",
      kind = ExitKind.INVALID_INPUT)
  public record InvalidKeys(MachineError error) implements Result, Exit.Failed {}

  /** The server refused or the connection failed; some batches may have been deleted. */
  @ExitDoc(
      value =
          "The server refused (NO_PERMISSION, READ_ONLY, ...) or the connection failed; earlier"
              + " batches of a long list may have been deleted.",
      outputExample = "NO_PERMISSION: destroy-cached-values: the server answered 'NOPERM ...'")
  public record Failed(MachineError error) implements Result, Exit.Failed {}

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** The {@code error} exit. */
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    MachineError invalid = Checks.keysProblem(inputs.keys());
    if (invalid != null) {
      return CompletableFuture.completedFuture(new InvalidKeys(invalid));
    }
    Set<String> keys = new LinkedHashSet<>();
    for (String key : inputs.keys()) {
      keys.add(lease.key(key));
    }
    if (keys.isEmpty()) {
      return CompletableFuture.completedFuture(new Success());
    }
    return NearReads.forgetOnReply(
            lease,
            keys,
            Batches.each(
                new ArrayList<>(keys),
                Batches.SIZE,
                batch -> lease.commands().del(batch.toArray(new String[0]))))
        .handle(
            (ignored, failure) ->
                failure == null
                    ? new Success()
                    : new Failed(lease.commandFailure(failure, "destroy-cached-values")));
  }
}
