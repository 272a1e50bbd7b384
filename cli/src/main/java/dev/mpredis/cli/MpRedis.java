package dev.mpredis.cli;

import dev.mpredis.redis.Redis;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code mp-redis} command: {@code list}, {@code man}, {@code exec}, {@code quickstart}, {@code
 * generate-completion}. Every face reads the machines' declarations ({@code Redis.PACK}); nothing
 * about a machine is written down twice. Run it with {@code bin/mp-redis}.
 */
@Command(
    name = "mp-redis",
    mixinStandardHelpOptions = true,
    versionProvider = MpRedis.Version.class,
    description = {
      "Structured bindings for Redis: every operation is a machine with declared inputs and"
          + " named exits. List them, read their reference, run one, or run the quick start.",
      ""
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  REDIS_URL   the connection string when --url and --url-file are not given",
      "",
      "Examples:",
      "  mp-redis quickstart",
      "  mp-redis man cache-value",
      "  mp-redis exec cache-value --input key=stuff --input value='{\"a\":1}' --input ttl=60",
      "  mp-redis exec get-cached-value --input key=stuff --json"
    })
public final class MpRedis implements Runnable {

  /** The slf4j-simple property that sets the default log level. */
  static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  @Spec CommandSpec spec;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description =
          "Let Lettuce and Netty log to standard error (level info), and show stack traces.")
  boolean verbose;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "a command is required: list, man, exec, quickstart");
  }

  /** The properties of Lettuce and Netty that turn their Java Flight Recorder events on or off. */
  static final List<String> FLIGHT_RECORDER_PROPERTIES =
      List.of("io.lettuce.core.jfr", "io.netty.jfr.enabled");

  /** Runs the command and exits the JVM with its status. */
  public static void main(String[] args) {
    configureLogging(List.of(args).contains("-v") || List.of(args).contains("--verbose"));
    configureLibraries();
    Invocation invocation = Invocation.ofProcess();
    System.exit(execute(commandLine(invocation, List.of(args)), invocation, args));
  }

  /**
   * Executes {@code args} on {@code cli} and returns the status. Whatever escapes picocli's own
   * handlers (an {@link Error}, a failure in a handler) is a failure of the command too: printed as
   * the handlers print one, with {@link ExitStatus#ERROR}.
   */
  static int execute(CommandLine cli, Invocation invocation, String... args) {
    try {
      return cli.execute(args);
    } catch (RuntimeException | Error e) {
      List.of(args).forEach(invocation.redaction()::addArgument);
      return commandFailure(lastParsed(cli), e, wantsJson(List.of(args)), invocation);
    }
  }

  /** The last command picocli parsed of a run on {@code cli} ({@code cli} before any). */
  private static CommandLine lastParsed(CommandLine cli) {
    ParseResult parsed = cli.getParseResult();
    if (parsed == null) {
      return cli;
    }
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    return parsed.commandSpec().commandLine();
  }

  /**
   * Sets the level of slf4j-simple before the first logger exists: off unless {@code verbose}. A
   * level given with {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins.
   */
  static void configureLogging(boolean verbose) {
    if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
      System.setProperty(LOG_LEVEL_PROPERTY, verbose ? "info" : "off");
    }
  }

  /**
   * Turns off the flight-recorder events of Lettuce and Netty, which a command of one round trip
   * never reads and whose event classes take a tenth of a second to set up; {@code
   * -Dio.lettuce.core.jfr=true} or {@code -Dio.netty.jfr.enabled=true} wins.
   */
  static void configureLibraries() {
    for (String property : FLIGHT_RECORDER_PROPERTIES) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, "false");
      }
    }
  }

  /** The subcommands a run may need alone: each reads nothing of its siblings. */
  private static final List<String> STANDALONE = List.of("list", "man", "exec", "quickstart");

  /** The command line with every subcommand, its handlers and exit status table. */
  static CommandLine commandLine(Invocation invocation) {
    return commandLine(invocation, List.of());
  }

  /**
   * The command line for a run of {@code arguments}: picocli reads each command's annotations when
   * it is added, a tenth of a second for them all, so a run that names a command that needs none of
   * its siblings ({@code list}, {@code man}, {@code exec}, {@code quickstart}, after {@code -v} if
   * given) gets only that one, and {@code --version} alone gets none. Every other run (help, a
   * mistyped command, completion) gets them all, and parses and suggests as always.
   */
  static CommandLine commandLine(Invocation invocation, List<String> arguments) {
    CommandLine cli = new CommandLine(new MpRedis());
    String only = onlyCommand(arguments);
    if (only == null || only.equals("list")) {
      cli.addSubcommand(new ListCommand());
    }
    if (only == null || only.equals("man")) {
      cli.addSubcommand(new ManCommand());
    }
    if (only == null || only.equals("exec")) {
      cli.addSubcommand(new ExecCommand(invocation));
    }
    if (only == null || only.equals("quickstart")) {
      cli.addSubcommand(new QuickstartCommand(invocation));
    }
    if (only == null) {
      cli.addSubcommand(new CompletionCommand());
      cli.addSubcommand(new CommandLine.HelpCommand());
    }
    List<CommandLine> withExitCodes = new java.util.ArrayList<>(List.of(cli));
    if (cli.getSubcommands().containsKey("exec")) {
      withExitCodes.add(cli.getSubcommands().get("exec"));
    }
    for (CommandLine command : withExitCodes) {
      command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n");
      // The table reads every machine's spec: built when a help page shows it, not on each run.
      command
          .getHelpSectionMap()
          .put(
              UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING,
              help -> withExitCodes(help).exitCodeListHeading());
      command
          .getHelpSectionMap()
          .put(
              UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST,
              help -> withExitCodes(help).exitCodeList());
    }
    // Both handlers return the status: INVALID for usage errors, ERROR for a failure of the
    // command.
    // An argument may hold a connection string that picocli quotes in its message: each one is
    // registered, so that it prints masked (or as **** whole when it does not parse).
    cli.setParameterExceptionHandler(
        (e, args) -> {
          List.of(args).forEach(invocation.redaction()::addArgument);
          return usageError(
              e.getCommandLine(),
              e.getMessage() + didYouMean(e),
              wantsJson(List.of(args)),
              invocation);
        });
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          parsed.originalArgs().forEach(invocation.redaction()::addArgument);
          if (e instanceof UsageException) {
            return usageError(
                command, e.getMessage(), wantsJson(parsed.originalArgs()), invocation);
          }
          return commandFailure(command, e, wantsJson(parsed.originalArgs()), invocation);
        });
    return cli;
  }

  private static Help withExitCodes(Help help) {
    UsageMessageSpec usage = help.commandSpec().usageMessage();
    if (usage.exitCodeList().isEmpty()) {
      usage.exitCodeList(ExitStatus.helpTable(Redis.PACK));
    }
    return help;
  }

  /**
   * The one subcommand {@code args} need, {@code ""} for none ({@code --version} alone), or null
   * for all of them.
   */
  static String onlyCommand(List<String> args) {
    if (args.equals(List.of("--version")) || args.equals(List.of("-V"))) {
      return "";
    }
    int first = 0;
    while (first < args.size()
        && (args.get(first).equals("-v") || args.get(first).equals("--verbose"))) {
      first++;
    }
    return first < args.size() && STANDALONE.contains(args.get(first)) ? args.get(first) : null;
  }

  /**
   * Prints a failure of the command itself (anything but a usage error: a bug, an error of the JVM)
   * and returns {@link ExitStatus#ERROR}: with {@code json}, as the one JSON line of the run on
   * standard output ({@link ExitReport#printCommandFailure}), otherwise as text on standard error;
   * {@code -v} adds the stack trace on standard error either way.
   */
  static int commandFailure(CommandLine command, Throwable e, boolean json, Invocation invocation) {
    String shown =
        invocation.redaction().text(e.getClass().getSimpleName() + ": " + e.getMessage());
    PrintWriter err = command.getErr();
    if (json) {
      ExitReport.printCommandFailure(command.getOut(), machineOf(command, invocation), shown);
    } else {
      err.println("mp-redis: failed: " + shown);
    }
    if (command.getCommandSpec().root().userObject() instanceof MpRedis root && root.verbose) {
      err.println(invocation.redaction().text(stackTrace(e)));
    }
    err.flush();
    return ExitStatus.ERROR;
  }

  /** The machine {@code exec} was given, as shown (masked), or null. */
  private static String machineOf(CommandLine command, Invocation invocation) {
    return command.getCommandSpec().userObject() instanceof ExecCommand exec
        ? invocation.redaction().text(exec.machineName)
        : null;
  }

  /**
   * Prints a usage error and returns {@link ExitStatus#INVALID}: with {@code json}, as the one JSON
   * line of the run on standard output ({@link ExitReport#printUsageError}), otherwise as text on
   * standard error.
   */
  private static int usageError(
      CommandLine command, String message, boolean json, Invocation invocation) {
    String shown = invocation.redaction().text(message);
    if (json) {
      ExitReport.printUsageError(command.getOut(), machineOf(command, invocation), shown);
      return ExitStatus.INVALID;
    }
    PrintWriter err = command.getErr();
    err.println("mp-redis: " + shown);
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more.");
    err.flush();
    return ExitStatus.INVALID;
  }

  /** Whether the arguments ask for JSON output: {@code --json} before any {@code --}. */
  static boolean wantsJson(List<String> args) {
    for (String arg : args) {
      if ("--".equals(arg)) {
        return false;
      }
      if ("--json".equals(arg)) {
        return true;
      }
    }
    return false;
  }

  /** picocli's suggestions for a mistyped option or command, as {@code " (did you mean ...?)"}. */
  private static String didYouMean(ParameterException e) {
    return e instanceof UnmatchedArgumentException unmatched
        ? MachineNames.didYouMean(unmatched.getSuggestions())
        : "";
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter text = new java.io.StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  /** {@code mp-redis 0.1.0 (Java 17.0.x)}, from the build's version file. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = MpRedis.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {
        "mp-redis " + properties.getProperty("version", "(unknown version)"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
