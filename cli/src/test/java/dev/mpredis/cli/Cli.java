package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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

    /** Standard output as JSON, asserting it is exactly one line (what {@code --json} prints). */
    JsonNode onlyJsonLine() throws IOException {
      assertThat(out.lines()).as(toString()).hasSize(1);
      return new ObjectMapper().readTree(out);
    }

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
