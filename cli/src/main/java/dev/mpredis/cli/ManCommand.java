package dev.mpredis.cli;

import dev.mpredis.machine.MarkdownReference;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mp-redis man}: a machine's full reference, from its declaration. */
@Command(
    name = "man",
    mixinStandardHelpOptions = true,
    description =
        "Show a machine's full reference: its inputs (type, required or default, example) and"
            + " every exit with its output and exit status.")
final class ManCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "MACHINE",
      completionCandidates = MachineNames.class,
      description = "The machine's identity: ${COMPLETION-CANDIDATES}.")
  String machineName;

  @Option(
      names = "--markdown",
      description = "Print the Markdown page of the generated docs (docs/machines/) instead.")
  boolean markdown;

  @Override
  public Integer call() {
    var machine = MachineNames.find(machineName);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        markdown ? MarkdownReference.render(machine.spec()) : TextReference.render(machine.spec()));
    out.flush();
    return ExitStatus.SUCCESS;
  }
}
