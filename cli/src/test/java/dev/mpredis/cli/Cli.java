package dev.mpredis.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command in-process with captured output, a given environment and standard input. */
final class Cli {

  /** What one run printed, and its exit status. */
  record Run(int status, String out, String err) {

    /** Both streams, for assertions that nothing leaks anywhere. */
    String all() {
      return out + "\n" + err;
    }

    @Override
    public String toString() {
      return "status " + status + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  private Cli() {}

  static Run run(String... args) {
    return runWithStdin(Map.of(), "", args);
  }

  static Run run(Map<String, String> environment, String... args) {
    return runWithStdin(environment, "", args);
  }

  static Run runWithStdin(Map<String, String> environment, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Invocation invocation =
        new Invocation(
            environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    CommandLine cli = MpRedis.commandLine(invocation, List.of(args));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = MpRedis.execute(cli, invocation, args);
    return new Run(status, out.toString(), err.toString());
  }
}
