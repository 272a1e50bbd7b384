package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpredis.testkit.ScriptedServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every way a run can fail prints, with {@code --json}, one JSON object on standard output and
 * nothing else there, with the status it has without {@code --json}: a usage error, a server that
 * cannot be reached or is not Redis, and a failure of the command itself (an exception or an error
 * of the JVM escaping a command; a command that fails that way is added for the test, since no
 * command of mp-redis is known to).
 */
@Tag("unit")
class FailureJsonTest {

  @Test
  void usageError_withJson_isOneJsonObject_statusFour() throws IOException {
    Cli.Run run = Cli.run("exec", "get-cached-value", "--input", "key=k", "--colour", "--json");

    assertThat(run.status()).isEqualTo(ExitStatus.INVALID);
    assertThat(run.err()).isEmpty();
    JsonNode line = run.onlyJsonLine();
    assertThat(line.get("exit").asText()).isEqualTo(ExitReport.USAGE_ERROR);
    assertThat(line.at("/error/code").asText()).isEqualTo("INVALID_INPUT");
  }

  // Nothing listening: ExecCommandTest.exec_nothingListening_isFailedWithStatusThree.

  @Test
  void peerThatIsNotRedis_withJson_isOneJsonObject_statusThree() throws IOException {
    try (ScriptedServer http = ScriptedServer.replying("HTTP/1.1 400 Bad Request\r\n\r\n", true)) {
      Cli.Run run =
          Cli.run("exec", "get-cached-value", "--url", http.uri(), "--input", "key=k", "--json");

      assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.FAILED);
      JsonNode line = run.onlyJsonLine();
      assertThat(line.get("step").asText()).isEqualTo("get-connection");
      assertThat(line.at("/error/code").asText()).isEqualTo("PROTOCOL_ERROR");
    }
  }

  @Test
  void commandThrows_withJson_isOneJsonObject_statusOne_passwordMasked() throws IOException {
    Cli.Run run = runFailing("exception", "--json");

    assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.ERROR);
    assertThat(run.err()).isEmpty();
    JsonNode line = run.onlyJsonLine();
    assertThat(line.get("machine").isNull()).isTrue();
    assertThat(line.get("exit").asText()).isEqualTo(ExitReport.COMMAND_FAILURE);
    assertThat(line.get("output").isNull()).isTrue();
    assertThat(line.at("/error/code").asText()).isEqualTo("UNEXPECTED");
    assertThat(line.at("/error/message").asText())
        .startsWith("IllegalStateException: the command broke on redis://:")
        .doesNotContain(Failing.PASSWORD);
  }

  @Test
  void errorEscapesTheCommand_withJson_isOneJsonObject_statusOne() throws IOException {
    Cli.Run run = runFailing("error", "--json");

    assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.ERROR);
    assertThat(run.err()).isEmpty();
    JsonNode line = run.onlyJsonLine();
    assertThat(line.get("exit").asText()).isEqualTo(ExitReport.COMMAND_FAILURE);
    assertThat(line.at("/error/message").asText()).startsWith("AssertionError: the JVM broke");
  }

  @Test
  void commandFailure_withoutJson_isTextOnStandardError_verboseAddsTheStackTrace() {
    for (String kind : new String[] {"exception", "error"}) {
      Cli.Run quiet = runFailing(kind);
      Cli.Run verbose = runFailing("-v", kind);

      assertThat(quiet.status()).as(quiet.toString()).isEqualTo(ExitStatus.ERROR);
      assertThat(quiet.out()).isEmpty();
      assertThat(quiet.err()).startsWith("mp-redis: failed: ").doesNotContain(Failing.PASSWORD);
      assertThat(quiet.err()).doesNotContain("\tat ");
      assertThat(verbose.status()).isEqualTo(ExitStatus.ERROR);
      assertThat(verbose.err()).contains("\tat ").doesNotContain(Failing.PASSWORD);
    }
  }

  @Test
  void commandFailure_withJsonAndVerbose_keepsStandardOutputToTheObject() throws IOException {
    Cli.Run run = runFailing("-v", "exception", "--json");

    assertThat(run.onlyJsonLine().get("exit").asText()).isEqualTo(ExitReport.COMMAND_FAILURE);
    assertThat(run.err()).contains("\tat ").doesNotContain(Failing.PASSWORD);
  }

  /** A command that fails as no command of mp-redis should: {@code exception} or {@code error}. */
  @Command(name = "fail")
  static final class Failing implements Callable<Integer> {

    static final String PASSWORD = "failing-s3cret";

    @CommandLine.Parameters(index = "0")
    String kind;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
      String url = "redis://:" + PASSWORD + "@127.0.0.1:6379";
      if (kind.equals("error")) {
        throw new AssertionError("the JVM broke on " + url);
      }
      throw new IllegalStateException("the command broke on " + url);
    }
  }

  /** Runs {@code args} on the whole command line, with the failing command added to it. */
  private static Cli.Run runFailing(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Invocation invocation = new Invocation(Map.of(), new ByteArrayInputStream(new byte[0]));
    invocation.redaction().addUrl("redis://:" + Failing.PASSWORD + "@127.0.0.1:6379");
    CommandLine cli = MpRedis.commandLine(invocation);
    cli.addSubcommand(new Failing());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] withCommand = new String[args.length + 1];
    int at = args.length > 0 && args[0].equals("-v") ? 1 : 0;
    System.arraycopy(args, 0, withCommand, 0, at);
    withCommand[at] = "fail";
    System.arraycopy(args, at, withCommand, at + 1, args.length - at);
    int status = MpRedis.execute(cli, invocation, withCommand);
    return new Cli.Run(status, out.toString(), err.toString());
  }
}
