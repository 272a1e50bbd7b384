package dev.mpredis.redis;

import dev.mpredis.machine.Describe;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.ExitDoc;
import dev.mpredis.machine.Failures;
import dev.mpredis.machine.Input;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.SideEffects;
import dev.mpredis.redis.internal.Lease;
import dev.mpredis.redis.internal.NearReads;
import dev.mpredis.redis.internal.RawCommands;
import io.lettuce.core.RedisCommandExecutionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@code send-command}: runs any Redis command with its arguments on a connection. */
@Describe(
    friendlyName = "Send command",
    description = "Run any Redis command with arguments and get its reply as plain values.",
    extendedDescription =
        "The reply keeps its structure: strings, Long, Double, Boolean, BigInteger, lists, maps"
            + " and sets (under RESP2 as lists), null; a string that is not UTF-8 comes as"
            + " {\"base64\": \"...\"}. Arguments go as given: the namespace is NOT applied."
            + " State or blocking commands (MULTI, EXEC, DISCARD, WATCH, UNWATCH, SELECT, AUTH,"
            + " blocking pops, XREAD BLOCK, WAIT, CLIENT settings) need a dedicated connection;"
            + " after MULTI a command answers \"QUEUED\", EXEC lists the replies (an error as"
            + " {\"error\": \"...\"}; null when a WATCHed key changed; EXECABORT if one was"
            + " refused). A blocking command waits commandTimeout plus the time it asks (for ever:"
            + " commandTimeout, then COMMAND_TIMEOUT and a reset link). SUBSCRIBE and kin, MONITOR,"
            + " HELLO, RESET, QUIT, SYNC, PSYNC are never sent: nothing would read what follows."
            + " On a cluster a command goes to the master of its first key's slot (a redirect is"
            + " followed, never shown); a command without keys (PING, DBSIZE, INFO) goes to one"
            + " node, so it speaks for that node only; MULTI, EXEC, DISCARD, WATCH, UNWATCH, SELECT"
            + " and AUTH fail with NOT_ON_CLUSTER.",
    sideEffects = SideEffects.NONE)
public final class SendCommand extends ConnectionMachine<SendCommand.Inputs, SendCommand.Result> {

  /** The one instance. */
  public static final SendCommand INSTANCE = new SendCommand();

  private SendCommand() {
    super(Inputs.class, Result.class);
  }

  /** The inputs of {@code send-command}; numbers among the arguments become decimal text. */
  public record Inputs(
      @Input(description = "An active connection.") Connection connection,
      @Input(description = "The command's name.", example = "\"SET\"") String command,
      @Input(
              description = "The arguments: strings, or numbers sent as their decimal text.",
              required = false,
              example = "[\"greeting\", \"hello\"]")
          List<Object> args,
      @Input(description = "Driver-specific extras (reserved).", required = false)
          Map<String, Object> meta)
      implements HasConnection {

    public Inputs {
      command = RawCommands.commandName("command", command);
      args = args == null ? List.of() : List.copyOf(RawCommands.texts(args));
    }
  }

  /** The exits of {@code send-command}. */
  public sealed interface Result extends Exit<Object>
      permits Success, Failed, BadConnection, Error {

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

  /** The server's reply, as plain values. */
  @ExitDoc(value = "The server's reply, as plain values.", outputExample = "\"OK\"")
  public record Success(Object reply) implements Result, Exit.Successful {}

  /** The server answered an error, or the command needs a dedicated connection. */
  @ExitDoc(
      value =
          "The server answered an error (the code classifies its prefix: WRONG_TYPE,"
              + " NO_PERMISSION, READ_ONLY, OUT_OF_MEMORY, NO_SCRIPT, BUSY, LOADING...; otherwise"
              + " SERVER_ERROR, quoting it), or the command changes the connection's state on a"
              + " shared connection (DEDICATED_CONNECTION_REQUIRED, naming the command), or needs"
              + " one server's connection state on a cluster (NOT_ON_CLUSTER: MULTI, EXEC, WATCH,"
              + " SELECT, AUTH).",
      outputExample = "WRONG_TYPE: send-command LPUSH: the server answered 'WRONGTYPE ...'")
  public record Failed(MachineError error) implements Result, Exit.Failed {}

  /** The {@code badConnection} exit. */
  public record BadConnection(MachineError error) implements Result, Exit.Failed {}

  /** The {@code error} exit: bad inputs, a command never sent, the connection failed. */
  @ExitDoc(
      value =
          "Unexpected failure, bad inputs (INVALID_INPUT, also for a command that is never sent,"
              + " such as SUBSCRIBE), or a failure of the connection (COMMAND_TIMEOUT, also when a"
              + " command that blocks for ever outlasts commandTimeout; CONNECTION_LOST: outcome"
              + " unknown).",
      outputExample = "INVALID_INPUT: send-command SUBSCRIBE is not sent: ...")
  public record Error(MachineError error) implements Result, Exit.Failed {}

  /** The synchronous face waits for a blocking command as long as it may block, and more. */
  @Override
  protected Duration deadline(Inputs inputs) {
    return RawCommands.deadline(DEFAULT_DEADLINE, inputs.command(), inputs.args());
  }

  @Override
  CompletionStage<Result> work(Lease lease, Inputs inputs) {
    String command = RawCommands.normalized(inputs.command());
    List<String> args = RawCommands.texts(inputs.args());
    String what = "send-command " + command;
    MachineError neverSent = RawCommands.neverSentProblem(what, command);
    if (neverSent != null) {
      return CompletableFuture.completedFuture(new Error(neverSent));
    }
    MachineError shared = RawCommands.sharedProblem(what, command, args, lease.isDedicated());
    if (shared == null) {
      shared = RawCommands.clusterProblem(what, command, lease.isCluster());
    }
    if (shared != null) {
      return CompletableFuture.completedFuture(new Failed(shared));
    }
    return NearReads.forgetAllOnReply(lease, command, RawCommands.send(lease, command, args))
        .handle(
            (reply, failure) -> {
              if (failure == null) {
                return new Success(reply);
              }
              MachineError error = lease.commandFailure(failure, what);
              return Failures.unwrap(failure) instanceof RedisCommandExecutionException
                  ? new Failed(error)
                  : new Error(error);
            });
  }
}
