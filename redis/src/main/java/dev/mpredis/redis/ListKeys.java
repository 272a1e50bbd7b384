package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Checks;
import dev.mpredis.redis.internal.KeyScans;
import dev.mpredis.redis.internal.Lease;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code list-keys}: the keys matching a glob pattern, by SCAN, in the manager's namespace. */
@Describe(
    friendlyName = "List keys",
    description = "List the keys matching a glob pattern, a page at a time.",
    extendedDescription =
        "Runs SCAN with MATCH and COUNT, never KEYS. With a namespace (connection-string option"
            + " namespace) the namespace, its glob characters escaped, is put in front of the"
            + " pattern and taken off every key listed; the pattern's own glob characters (* ? [ ]"
            + " \\) are the caller's. A SCAN reply is never cut: a reply that would pass the limit"
            + " is left for the next call, so a call may return fewer keys than the limit, even"
            + " none, with a cursor; only the first reply of a call is taken whole, and it may pass"
            + " the limit by the few keys of one hash bucket (each reply asks COUNT at most the"
            + " keys still wanted). Keys are listed once per call. Continue with the cursor until"
            + " it is absent: every key present for the whole listing is returned at least once"
            + " (SCAN's guarantee); keys added or removed meanwhile may or may not be. Keys are"
            + " decoded as UTF-8: bytes that are not valid UTF-8 become U+FFFD, so such a key is"
            + " listed under a name that does not reach it. On a cluster every master is scanned"
            + " in turn (in the order of their node ids), and the cursor names the node it"
            + " continues on ('<node id>:<cursor>'); a failover during a listing may repeat or miss"
            + " the keys of the failed master's slots.",
    sideEffects = SideEffects.IDEMPOTENT)
public final class ListKeys extends ConnectionMachine<ListKeys.Inputs, ListKeys.Result> {

  /** The one instance. */
  public static final ListKeys INSTANCE = new ListKeys();

  /** Default and largest {@code limit}. */
  public static final int DEFAULT_LIMIT = 1000, MAX_LIMIT = 100_000;

  /** Default and largest {@code pageSize} (SCAN COUNT). */
  public static final int DEFAULT_PAGE_SIZE = 1000, MAX_PAGE_SIZE = 10_000;

  private ListKeys() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code list-keys}. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(
              description =
                  "A glob pattern (SCAN MATCH), non-empty, at most 1024 characters (longer"
                      + " patterns crash unpatched servers, CVE-2024-31228).",
              required = false,
              defaultValue = "\"*\"",
              example = "\"user:*\"")
          String pattern,
      @Input(
              description = "The most keys to return, 1 to 100000.",
              required = false,
              defaultValue = "1000",
              example = "100")
          Integer limit,
      @Input(
              description = "Keys asked of each SCAN step (its COUNT), 1 to 10000.",
              required = false,
              defaultValue = "1000")
          Integer pageSize,
      @Input(
              description =
                  "Where to continue: the cursor a previous call returned; absent: from the start.",
              required = false,
              example = "\"1536\"")
          String cursor,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      Checks.required("connection", connection);
      pattern = Checks.pattern("pattern", pattern == null ? "*" : pattern);
      limit = Checks.range("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
      pageSize = Checks.range("pageSize", pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
      cursor = Checks.scanCursor("cursor", cursor);
    }
  }

  /** The exits of {@code list-keys}. */
  public sealed interface Result extends Exit<KeyPage> permits Success, BadConnection, Error {

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

  /** The keys found and where to continue. */
  @ExitDoc(
      value = "The keys found (without the namespace) and the cursor to continue from, if any.",
      outputExample = "{\"keys\": [\"user:1\", \"user:2\"], \"cursor\": \"1536\"}")
  public record Success(KeyPage page) implements Result, Exit.Successful {}

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** Bad inputs, a refusal of SCAN, or a failure of the server or connection. */
  @ExitDoc(
      value =
          "Bad inputs (nothing is sent), or a failure of the server or connection (the code says"
              + " which; NO_PERMISSION for an ACL user without SCAN).",
      outputExample = "NO_PERMISSION: list-keys: the server answered 'NOPERM ...'")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    return KeyScans.list(
            lease,
            lease.manager().settings().namespace().orElse(null),
            inputs.pattern(),
            inputs.limit(),
            inputs.pageSize(),
            inputs.cursor())
        .handle(
            (found, failure) ->
                failure == null
                    ? new Success(found)
                    : new Error(lease.commandFailure(failure, "list-keys")));
  }
}
