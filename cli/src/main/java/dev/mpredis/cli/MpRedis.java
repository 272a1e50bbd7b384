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
    System.exit(commandLine(Invocation.ofProcess()).execute(args));
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

  /** The command line for one run, with its subcommands, handlers and exit status table. */
  static CommandLine commandLine(Invocation invocation) {
    CommandLine cli = new CommandLine(new MpRedis());
    cli.addSubcommand(new ListCommand());
    cli.addSubcommand(new ManCommand());
    cli.addSubcommand(new ExecCommand(invocation));
    cli.addSubcommand(new QuickstartCommand(invocation));
    cli.addSubcommand(new CompletionCommand());
    cli.addSubcommand(new CommandLine.HelpCommand());
    for (CommandLine command : List.of(cli, cli.getSubcommands().get("exec"))) {
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
          PrintWriter err = command.getErr();
          err.println(
              invocation
                  .redaction()
                  .text(
                      "mp-redis: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
          if (command.getCommandSpec().root().userObject() instanceof MpRedis root
              && root.verbose) {
            err.println(invocation.redaction().text(stackTrace(e)));
          }
          err.flush();
          return ExitStatus.ERROR;
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
   * Prints a usage error and returns {@link ExitStatus#INVALID}: with {@code json}, as the one JSON
   * line of the run on standard output ({@link ExitReport#printUsageError}), otherwise as text on
   * standard error.
   */
  private static int usageError(
      CommandLine command, String message, boolean json, Invocation invocation) {
    String shown = invocation.redaction().text(message);
    if (json) {
      String machine =
          command.getCommandSpec().userObject() instanceof ExecCommand exec
              ? exec.machineName
              : null;
      ExitReport.printUsageError(command.getOut(), invocation.redaction().text(machine), shown);
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
