package dev.mpredis.redis.internal;

import dev.mpredis.machine.InvalidInputException;
import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.RedisErrorCode;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Any command by name on a lease ({@code send-command}'s work): which commands need a dedicated
 * connection, which none may run, and the dispatch with a {@link ReplyOutput}. Arguments are sent
 * as given (UTF-8), never rewritten: the manager's namespace is not applied. Stateless.
 */
public final class RawCommands {

  /** Commands that change the connection's state or block it. */
  private static final Set<String> DEDICATED =
      Set.of(
          "MULTI",
          "EXEC",
          "DISCARD",
          "WATCH",
          "UNWATCH",
          "SELECT",
          "AUTH",
          "READONLY",
          "READWRITE",
          "BLPOP",
          "BRPOP",
          "BRPOPLPUSH",
          "BLMOVE",
          "BLMPOP",
          "BZPOPMIN",
          "BZPOPMAX",
          "BZMPOP",
          "WAIT",
          "WAITAOF");

  /** Subcommands of CLIENT that change the connection's state. */
  private static final Set<String> CLIENT_DEDICATED =
      Set.of("TRACKING", "REPLY", "SETNAME", "SETINFO", "CACHING", "NO-EVICT", "NO-TOUCH");

  /**
   * Commands after which the link no longer answers one reply per command (or changes its protocol
   * or identity behind the client's back): no machine would read what follows.
   */
  private static final Set<String> NEVER =
      Set.of(
          "SUBSCRIBE",
          "PSUBSCRIBE",
          "SSUBSCRIBE",
          "UNSUBSCRIBE",
          "PUNSUBSCRIBE",
          "SUNSUBSCRIBE",
          "MONITOR",
          "HELLO",
          "RESET",
          "QUIT",
          "SYNC",
          "PSYNC");

  /**
   * Commands that only read keys, which a near cache need not hear of. Any other command sent by
   * {@code send-command} makes the manager's near cache forget everything on its reply: it cannot
   * know which keys the command changed, and the shared connection hears no invalidation of its own
   * writes.
   */
  private static final Set<String> READ_ONLY =
      Set.of(
          "GET",
          "MGET",
          "STRLEN",
          "GETRANGE",
          "EXISTS",
          "TYPE",
          "TTL",
          "PTTL",
          "EXPIRETIME",
          "PEXPIRETIME",
          "HGET",
          "HMGET",
          "HGETALL",
          "HKEYS",
          "HVALS",
          "HLEN",
          "HEXISTS",
          "HSTRLEN",
          "LRANGE",
          "LLEN",
          "LINDEX",
          "SMEMBERS",
          "SISMEMBER",
          "SMISMEMBER",
          "SCARD",
          "ZRANGE",
          "ZSCORE",
          "ZMSCORE",
          "ZCARD",
          "ZRANK",
          "ZREVRANK",
          "ZCOUNT",
          "XRANGE",
          "XREVRANGE",
          "XLEN",
          "GETBIT",
          "BITCOUNT",
          "SCAN",
          "SSCAN",
          "HSCAN",
          "ZSCAN",
          "KEYS",
          "DBSIZE",
          "RANDOMKEY",
          "DUMP",
          "PING",
          "ECHO",
          "TIME",
          "INFO",
          "LASTSAVE",
          "ROLE");

  private RawCommands() {}

  /** Whether the command (upper case) only reads: see {@link #READ_ONLY}. */
  public static boolean isReadOnly(String command) {
    return READ_ONLY.contains(command);
  }

  /** The command as named on the wire: upper case. */
  public static String normalized(String name) {
    return name.toUpperCase(Locale.ROOT);
  }

  /** Whether the command (upper case) with these arguments needs a dedicated connection. */
  public static boolean needsDedicated(String command, List<String> args) {
    if (DEDICATED.contains(command)) {
      return true;
    }
    if (command.equals("CLIENT")) {
      return !args.isEmpty() && CLIENT_DEDICATED.contains(normalized(args.get(0)));
    }
    if (command.equals("XREAD") || command.equals("XREADGROUP")) {
      return args.stream().anyMatch(a -> a.equalsIgnoreCase("BLOCK"));
    }
    return false;
  }

  /**
   * The command name given as {@code input}: one word (a subcommand goes as the first argument).
   *
   * @throws InvalidInputException naming the input if it is missing, blank or not one word
   */
  public static String commandName(String input, String command) {
    Checks.required(input, command);
    if (command.isBlank() || command.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidInputException(
          input,
          "was "
              + Text.quote(command)
              + ", must be one word (give a subcommand as the first argument)");
    }
    return command;
  }

  /** Why {@code command} is never sent ({@code error} exit), or {@code null}. */
  public static MachineError neverSentProblem(String what, String command) {
    return isNeverSent(command)
        ? MachineError.of(
            RedisErrorCode.INVALID_INPUT,
            what
                + " is not sent: after it the link does not answer one reply per command, and no"
                + " machine would read what the server sends")
        : null;
  }

  /** Why {@code command} may not run on a shared lease ({@code failed} exit), or {@code null}. */
  public static MachineError sharedProblem(
      String what, String command, List<String> args, boolean dedicated) {
    return !dedicated && needsDedicated(command, args)
        ? MachineError.of(
            RedisErrorCode.DEDICATED_CONNECTION_REQUIRED,
            what
                + " changes the connection's state or blocks it, which would affect every lease of"
                + " the shared connection; get a dedicated connection (get-connection with meta"
                + " {\"dedicated\": true})")
        : null;
  }

  /**
   * Commands that need one server's connection state: a cluster connection routes each command to
   * its key's master, so a transaction or a database would span several servers.
   */
  private static final Set<String> SINGLE_SERVER =
      Set.of("MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH", "SELECT", "AUTH");

  /**
   * Why {@code command} cannot run on a cluster connection ({@code failed} exit), or {@code null}.
   */
  public static MachineError clusterProblem(String what, String command, boolean cluster) {
    return cluster && SINGLE_SERVER.contains(command)
        ? MachineError.of(
            RedisErrorCode.NOT_ON_CLUSTER,
            what
                + " needs one server's connection state, and a cluster connection sends each command"
                + " to the master of its key's slot; run a transaction as one script (EVAL) on keys"
                + " of one slot, and give the user in the connection string")
        : null;
  }

  /** How long the synchronous face waits: {@code base}, plus the time a blocking command asks. */
  public static Duration deadline(Duration base, String command, List<?> args) {
    Duration block = blockTime(normalized(command), texts(args));
    return block == null ? base : base.plus(block);
  }

  /** Whether no lease may run the command (upper case). */
  public static boolean isNeverSent(String command) {
    return NEVER.contains(command);
  }

  /**
   * Sends the command; the stage holds the reply as plain Java values (see {@link ReplyOutput}), or
   * fails with Lettuce's exception (a server error reply among them). Inside a transaction (after
   * MULTI) Lettuce keeps a command's reply until EXEC: the stage then holds {@code "QUEUED"}, and
   * EXEC's reply lists every queued command's reply (an error among them as {@code {"error":
   * "..."}}), or is {@code null} when a WATCHed key changed.
   */
  public static CompletionStage<Object> send(Lease lease, String command, List<String> args) {
    CommandArgs<String, byte[]> wire = new CommandArgs<>(KeyValueCodec.INSTANCE);
    boolean route = lease.isCluster();
    for (String arg : args) {
      if (route) {
        // The first argument as the key a cluster routes by: right for most commands, and where it
        // is not (EVAL's script, a subcommand) the node answers MOVED and the command follows it.
        wire.addKey(arg);
        route = false;
      } else if (command.equals("SELECT") && isWholeNumber(arg)) {
        wire.add(Long.parseLong(arg)); // so that Lettuce reselects the database on reconnect
      } else {
        wire.add(arg);
      }
    }
    boolean queued = lease.inTransaction() && !command.equals("EXEC");
    Duration block = blockTime(command, args);
    CompletionStage<Object> reply;
    if (block == null) {
      reply = lease.commands().dispatch(keyword(command), new ReplyOutput(), wire);
    } else {
      AsyncCommand<String, byte[], Object> blocking =
          new AsyncCommand<>(
              new CommandTimeouts.Blocking<>(keyword(command), new ReplyOutput(), wire, block));
      lease.connection().dispatch(blocking);
      reply = blocking;
    }
    if (queued && !command.equals("DISCARD")) {
      return CompletableFuture.completedFuture("QUEUED");
    }
    return command.equals("EXEC") ? reply.thenApply(RawCommands::transaction) : reply;
  }

  /**
   * How long the command (upper case) asks the server to block, or {@code null} when it does not
   * block, blocks for ever (a timeout of 0) or gives a timeout the server will refuse.
   */
  public static Duration blockTime(String command, List<String> args) {
    if (args.isEmpty()) {
      return null;
    }
    String last = args.get(args.size() - 1);
    try {
      Duration block =
          switch (command) {
            case "BLPOP", "BRPOP", "BZPOPMIN", "BZPOPMAX", "BRPOPLPUSH", "BLMOVE" -> seconds(last);
            case "BLMPOP", "BZMPOP" -> seconds(args.get(0));
            case "WAIT", "WAITAOF" -> Duration.ofMillis(Long.parseLong(last));
            case "XREAD", "XREADGROUP" -> {
              int at = indexOfIgnoreCase(args, "BLOCK");
              yield at < 0 || at + 1 >= args.size()
                  ? null
                  : Duration.ofMillis(Long.parseLong(args.get(at + 1)));
            }
            default -> null;
          };
      return block == null || block.isZero() || block.isNegative() ? null : block;
    } catch (NumberFormatException | ArithmeticException notATimeout) {
      return null; // the server refuses it
    }
  }

  private static Duration seconds(String text) {
    double seconds = Double.parseDouble(text);
    if (!Double.isFinite(seconds)) {
      return null;
    }
    return Duration.ofNanos((long) (seconds * 1e9)); // a cast saturates
  }

  private static int indexOfIgnoreCase(List<String> args, String word) {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equalsIgnoreCase(word)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isWholeNumber(String text) {
    return text.matches("-?\\d{1,18}");
  }

  private static Object transaction(Object reply) {
    if (!(reply instanceof TransactionResult result)) {
      return reply;
    }
    if (result.wasDiscarded()) {
      return null;
    }
    List<Object> replies = new ArrayList<>(result.size());
    for (Object each : result) {
      replies.add(each instanceof Throwable error ? Map.of("error", error.getMessage()) : each);
    }
    return replies;
  }

  /** The arguments as text: strings as they are, numbers in decimal. */
  /**
   * The arguments as text: strings as they are, whole and finite numbers in decimal.
   *
   * @throws InvalidInputException naming {@code args} for any other element
   */
  public static List<String> texts(List<?> args) {
    List<String> texts = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      if (arg instanceof String text) {
        texts.add(text);
      } else if (arg instanceof Integer || arg instanceof Long || arg instanceof BigInteger) {
        texts.add(arg.toString());
      } else if (arg instanceof Double || arg instanceof BigDecimal || arg instanceof Float) {
        double value = ((Number) arg).doubleValue();
        if (!Double.isFinite(value)) {
          throw new InvalidInputException("args", "element " + i + " was " + arg + ", not finite");
        }
        texts.add(new BigDecimal(arg.toString()).toPlainString());
      } else {
        throw new InvalidInputException(
            "args", "element " + i + " was " + describe(arg) + ", must be a string or a number");
      }
    }
    return texts;
  }

  private static String describe(Object arg) {
    return arg == null ? "null" : arg.getClass().getSimpleName() + " " + arg;
  }

  private static ProtocolKeyword keyword(String command) {
    try {
      CommandType known = CommandType.valueOf(command);
      // JSON_GET's bytes are JSON.GET: take a constant only when it is sent as named.
      return known.toString().equals(command) ? known : new Named(command);
    } catch (IllegalArgumentException unknown) {
      return new Named(command);
    }
  }

  /** A command Lettuce has no constant for. */
  private record Named(String command) implements ProtocolKeyword {
    @Override
    public byte[] getBytes() {
      return command.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return command;
    }
  }
}
