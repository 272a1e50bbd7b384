package dev.mpredis.cli;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineSpec;
import dev.mpredis.machine.Outcome;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.CreateConnectionUrl;
import dev.mpredis.redis.CreateManager;
import dev.mpredis.redis.FailureReport;
import dev.mpredis.redis.GetConnection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mp-redis exec}: runs one machine. Inputs named {@code manager} and {@code connection} are
 * provided here: create-manager, get-connection, the machine, release-connection, destroy-manager.
 * The inputs are checked before any of that ({@link #invalidInputs}).
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = {
      "Run one machine and print the exit it took, with its output.",
      "",
      "A string input takes its text as it is (--input key=stuff); every other input takes JSON:"
          + " --input value='{\"a\":1}', --input ttl=60, --input keys='[\"a\",\"b\"]'. When the"
          + " machine needs a manager or a connection, mp-redis creates them from --url (else"
          + " REDIS_URL, else "
          + ConnectionOptions.DEFAULT_URL
          + ") and releases and destroys them afterwards.",
      "",
      "Inputs are checked before anything connects: a missing or invalid one is the machine's"
          + " error exit with INVALID_INPUT (exit status 4).",
      "",
      "Secrets are never printed: passwords in URLs, the values of secret inputs and the URL"
          + " that create-connection-url builds are shown with the password as **** (--reveal"
          + " prints that URL whole). Give a secret input with --input-env (for example"
          + " --input-env password=REDIS_PASSWORD) rather than on the command line.",
      ""
    })
final class ExecCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "MACHINE",
      completionCandidates = MachineNames.class,
      description = "The machine's identity (see mp-redis list): ${COMPLETION-CANDIDATES}.")
  String machineName;

  @Mixin ConnectionOptions connection;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "NAME=VALUE",
      description = "An input: text for a string input, JSON for any other.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--input-env",
      paramLabel = "NAME=VARIABLE",
      description = "An input read from an environment variable (for secrets such as password).")
  List<String> inputsFromEnvironment = new ArrayList<>();

  @Option(
      names = "--inputs-json",
      paramLabel = "JSON",
      description = "Inputs as one JSON object, for example '{\"key\":\"stuff\"}'.")
  String inputsJson;

  @Option(
      names = "--json",
      description =
          "Print one JSON object: machine, exit, output or error; a usage error too (exit"
              + " usageError), and a failure of mp-redis itself (exit commandFailure).")
  boolean json;

  @Option(
      names = "--reveal",
      description =
          "With create-connection-url: print the URL with its password, to use it (for"
              + " example as REDIS_URL); without --reveal the password shows as ****.")
  boolean reveal;

  // picocli expands ${COMPLETION-CANDIDATES} from the candidates: the machines whose spec says
  // they need a dedicated connection. (A flag's candidates complete nothing.)
  @Option(
      names = "--dedicated",
      completionCandidates = MachineNames.NeedingDedicatedConnection.class,
      description =
          "Lease a dedicated connection (a socket of its own) instead of the shared one; always"
              + " so for the machines that need one: ${COMPLETION-CANDIDATES}.")
  boolean dedicated;

  private final Invocation invocation;

  ExecCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Machine<?, ?> machine = MachineNames.find(machineName);
    MachineSpec machineSpec = machine.spec();
    if (reveal && machine != CreateConnectionUrl.INSTANCE) {
      throw new UsageException(
          "--reveal prints the URL that create-connection-url builds, and applies to no other"
              + " machine");
    }
    Map<String, Object> values =
        new InputValues(machineSpec, invocation, err)
            .parse(inputs, inputsFromEnvironment, inputsJson);
    ExitReport report =
        new ExitReport(spec.commandLine().getOut(), json, invocation.redaction(), reveal);
    boolean needsConnection = machineSpec.input("connection").isPresent();
    boolean needsManager = needsConnection || machineSpec.input("manager").isPresent();
    if (machineSpec.input("onUnexpectedFailure").isPresent()) {
      values.put("onUnexpectedFailure", failurePrinter(err));
    }
    if (machine == CreateManager.INSTANCE && !values.containsKey("connectionString")) {
      values.put("connectionString", connection.resolve(invocation, err).url());
    }
    if (!needsManager) {
      return runAndReport(machine, values, report, err);
    }
    if (needsConnection) {
      Optional<Exit<?>> invalid = invalidInputs(machine, values);
      if (invalid.isPresent()) {
        report.print(machineSpec, machine.identity(), invalid.get());
        return ExitStatus.of(invalid.get());
      }
    }
    String url = connection.resolve(invocation, err).url();
    CreateManager.Result created = Redis.createManager(url, failurePrinter(err));
    if (!(created instanceof CreateManager.Success success)) {
      report.print(machineSpec, "create-manager", created);
      return ExitStatus.of(created);
    }
    Manager manager = success.manager();
    try {
      if (needsConnection) {
        boolean ownSocket = dedicated || machineSpec.needsDedicatedConnection();
        GetConnection.Result leased =
            ownSocket
                ? Redis.getDedicatedConnection(
                    manager, Duration.ofMillis(GetConnection.DEFAULT_TIMEOUT_MS))
                : Redis.getConnection(manager);
        if (!(leased instanceof GetConnection.Success got)) {
          report.print(machineSpec, "get-connection", leased);
          return ExitStatus.of(leased);
        }
        values.put("connection", got.connection());
      } else {
        values.put("manager", manager);
      }
      return runAndReport(machine, values, report, err);
    } finally {
      cleanUp(values.get("connection"), err);
      cleanUp(manager, err);
    }
  }

  /**
   * The exit a machine on a connection takes for invalid inputs, found before connecting: the
   * machine runs on a stand-in for its connection, which it checks first without touching the
   * network ({@code badConnection}), after it has checked every other input (the {@code error} exit
   * with {@code INVALID_INPUT}, the same report as when connected). Empty when the inputs are
   * valid.
   */
  static Optional<Exit<?>> invalidInputs(Machine<?, ?> machine, Map<String, Object> values) {
    Map<String, Object> dryRun = new HashMap<>(values);
    dryRun.put("connection", NotConnected.INSTANCE);
    Exit<?> exit = machine.run(dryRun).exit();
    return ExitStatus.of(exit) == ExitStatus.INVALID ? Optional.of(exit) : Optional.empty();
  }

  /** The stand-in connection of {@link #invalidInputs}: not a connection of this library. */
  enum NotConnected {
    INSTANCE;

    @Override
    public String toString() {
      return "(not connected yet)";
    }
  }

  private int runAndReport(
      Machine<?, ?> machine, Map<String, Object> values, ExitReport report, PrintWriter err) {
    Outcome outcome = machine.run(values);
    try {
      report.print(machine.spec(), machine.identity(), outcome.exit());
      if (machine == CreateConnectionUrl.INSTANCE
          && !reveal
          && outcome.output() instanceof String url
          && !invocation.redaction().text(url).equals(url)) {
        err.println(
            "mp-redis: the URL is shown with its password as "
                + Redaction.MASK
                + "; --reveal prints it whole, to use it (for example as REDIS_URL)");
        err.flush();
      }
      return ExitStatus.of(outcome.exit());
    } finally {
      // the connection of get-connection, the manager of create-manager
      cleanUp(outcome.exit().output(), err);
    }
  }

  /** Releases a live connection, destroys a live manager; anything else is left alone. */
  private void cleanUp(Object resource, PrintWriter err) {
    Exit<?> exit = null;
    if (resource instanceof Connection c && c.isActive()) {
      exit = Redis.releaseConnection(c);
    } else if (resource instanceof Manager m && !m.isDestroyed()) {
      exit = Redis.destroyManager(m);
    }
    if (exit != null && !exit.isSuccess()) {
      String error = exit instanceof Exit.Failed failed ? ": " + failed.error() : "";
      err.println(
          invocation
              .redaction()
              .text(
                  "mp-redis: warning: cleaning up took the " + exit.exitName() + " exit" + error));
      err.flush();
    }
  }

  private Consumer<FailureReport> failurePrinter(PrintWriter err) {
    return failure -> {
      synchronized (err) {
        err.println(
            invocation.redaction().text("mp-redis: unexpected failure reported: " + failure));
        err.flush();
      }
    };
  }
}
