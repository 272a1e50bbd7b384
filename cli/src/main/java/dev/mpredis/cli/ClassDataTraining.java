package dev.mpredis.cli;

import dev.mpredis.testkit.RedisServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The training run behind {@code bin/mp-redis}'s class-data archive (AppCDS): runs the commands
 * people run most, in this JVM, printing nothing, so that the JVM started with {@code
 * -XX:DumpLoadedClassList} lists the classes they need; {@code java -Xshare:dump} then archives
 * those. The commands run against a redis-server the test kit starts for the run, as {@code
 * quickstart} does; when none starts, against a closed port (most of the same classes load on the
 * way to {@code CONNECTION_REFUSED}). Not a command of {@code mp-redis}: {@code bin/mp-redis} runs
 * it with {@code java -cp mp-redis.jar dev.mpredis.cli.ClassDataTraining}.
 */
final class ClassDataTraining {

  /** A port nothing listens on (tcpmux; privileged, unused on a developer's machine). */
  static final String CLOSED_PORT_URL = "redis://127.0.0.1:1";

  private static final String KEY = "mp-redis:class-data-training";

  private ClassDataTraining() {}

  /** Runs the training commands; exits 0 (the archive is smaller when no server started). */
  public static void main(String[] args) {
    MpRedis.configureLogging(false);
    MpRedis.configureLibraries();
    RedisServer server = null;
    try {
      server = RedisServer.startPlain();
    } catch (RuntimeException e) {
      System.err.println("mp-redis: training without a server: " + e.getMessage());
    }
    try {
      train(server == null ? CLOSED_PORT_URL : server.uri());
    } finally {
      if (server != null) {
        server.close();
      }
    }
    System.exit(ExitStatus.SUCCESS);
  }

  private static void train(String url) {
    run("--version");
    run("list");
    run("exec", "--help");
    run("exec", "get-cache-value", "--json");
    run("exec", "get-cached-value", "--url", url);
    run(
        "exec",
        "cache-value",
        "--url",
        url,
        "--input",
        "key=" + KEY,
        "--input",
        "value={\"a\":[1,2.5,true,null,\"x\"]}",
        "--input",
        "ttl=60");
    run("exec", "get-cached-value", "--url", url, "--input", "key=" + KEY);
    run("exec", "get-cached-value", "--url", url, "--input", "key=" + KEY, "--json");
    run("exec", "destroy-cached-values", "--url", url, "--input", "keys=[\"" + KEY + "\"]");
    run("exec", "get-cached-value", "--url", url, "--input", "key=" + KEY, "--json");
    run("quickstart", "--url", url);
  }

  /** Runs one command as {@code MpRedis.main} does, printing nothing. */
  private static void run(String... args) {
    Invocation invocation = new Invocation(Map.of(), InputStream.nullInputStream());
    CommandLine cli = MpRedis.commandLine(invocation, List.of(args));
    cli.setOut(new PrintWriter(Writer.nullWriter()));
    cli.setErr(new PrintWriter(Writer.nullWriter()));
    MpRedis.execute(cli, invocation, args);
  }
}
