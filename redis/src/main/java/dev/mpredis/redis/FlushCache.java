package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.Namespaces;
import dev.mpredis.redis.internal.NearReads;
import dev.mpredis.redis.internal.ScanSteps;
import dev.mpredis.redis.internal.Unlinks;
import io.lettuce.core.ScanArgs;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code flush-cache}: empties the cache (the database, or the manager's namespace). */
@Describe(
    friendlyName = "Flush cache",
    description = "Remove every cached value.",
    extendedDescription =
        "Without a namespace this runs FLUSHDB on the connection's database, as the original did."
            + " With a namespace (connection-string option namespace), only keys under it are"
            + " removed, with SCAN (its glob characters escaped) and UNLINK, never KEYS. On a cluster"
            + " both reach every master: FLUSHDB on each, or SCAN of each in turn.",
    sideEffects = SideEffects.IDEMPOTENT)
public final class FlushCache extends ConnectionMachine<FlushCache.Inputs, FlushCache.Result> {

  /** The one instance. */
  public static final FlushCache INSTANCE = new FlushCache();

  /** Keys asked per SCAN step. */
  static final int SCAN_COUNT = 1000;

  private FlushCache() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code flush-cache}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      dev.mpredis.redis.internal.Checks.required("connection", connection);
    }
  }

  /** The exits of {@code flush-cache}. */
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

  /** The cache is empty. */
  @ExitDoc("The cache is empty.")
  public record Success() implements Result, Exit.Successful {}

  /** The server refused (for example an ACL user without FLUSHDB) or the connection failed. */
  @ExitDoc(
      value =
          "The server refused (for example NO_PERMISSION for FLUSHDB) or the connection failed.",
      outputExample = "NO_PERMISSION: flush-cache: the server answered 'NOPERM ...'")
  public record Failed(MachineError error) implements Result, Exit.Failed {}

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** The {@code error} exit. */
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    String namespace = lease.manager().settings().namespace().orElse(null);
    CompletionStage<?> flushed =
        NearReads.flushing(
            lease,
            () ->
                namespace == null
                    ? lease.commands().flushdb()
                    : removeNamespace(
                        lease,
                        ScanArgs.Builder.matches(Namespaces.scanPattern(namespace))
                            .limit(SCAN_COUNT),
                        ScanSteps.START));
    return flushed.handle(
        (ignored, failure) ->
            failure == null
                ? new Success()
                : new Failed(lease.commandFailure(failure, "flush-cache")));
  }

  /** One SCAN step, UNLINK of what it found, then the next step until the cursor ends. */
  private static CompletionStage<Void> removeNamespace(Lease lease, ScanArgs match, String cursor) {
    return ScanSteps.step(lease, cursor, match)
        .thenCompose(
            page -> {
              CompletionStage<Void> unlinked =
                  Unlinks.unlink(page.on(), page.keys(), lease.isCluster());
              return unlinked.thenCompose(
                  count ->
                      page.next() == null
                          ? CompletableFuture.<Void>completedFuture(null)
                          : removeNamespace(lease, match, page.next()));
            });
  }
}
