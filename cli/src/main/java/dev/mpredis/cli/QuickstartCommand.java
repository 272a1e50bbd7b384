package dev.mpredis.cli;

import dev.mpredis.machine.Exit;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.CreateManager;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.GetConnection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.redis.ServerInfo;
import dev.mpredis.testkit.ClusterTopology;
import dev.mpredis.testkit.RedisServer;
import dev.mpredis.testkit.RedisTopology;
import dev.mpredis.testkit.SentinelTopology;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mp-redis quickstart}: the original README's example flow, step by step, against the server
 * named by {@code --url} / {@code REDIS_URL}, or else against a redis-server the test kit starts
 * for the run (so it works on a machine with nothing installed).
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Run the original README's example flow step by step: create a manager, get a connection,"
          + " cache stuff = \"things\", read it back, destroy it, read it again (notFound),"
          + " release the connection, destroy the manager. Each step prints the exit it took.",
      "",
      "With no --url, --url-file, --password-env or REDIS_URL, it starts the test kit's"
          + " redis-server ($REDIS_SERVER, else redis-server on the PATH, else the bundled 6.2"
          + " build for the platform mp-redis.jar was built on: Linux or macOS, x86-64 or ARM64)"
          + " on a free port for the run and stops it afterwards; with --cluster a Redis"
          + " Cluster, with --sentinel a Sentinel group. Against your own server it writes and"
          + " deletes the key stuff.",
      "",
      "Exit status: 0 when every step took its expected exit, else the status of the first step"
          + " that did not (see mp-redis --help); 1 when no server could be started.",
      ""
    })
final class QuickstartCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--cluster",
      description =
          "Without a server named: start a Redis Cluster of 3 masters for the run instead of one"
              + " server, and run the flow on it through a redis-cluster:// string.")
  boolean cluster;

  @Option(
      names = "--sentinel",
      description =
          "Without a server named: start a Sentinel group (a master, a replica, 3 sentinels) for"
              + " the run, and run the flow on it through a redis-sentinel:// string.")
  boolean sentinel;

  private final Invocation invocation;

  QuickstartCommand(Invocation invocation) {
    this.invocation = invocation;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean named = connection.isGiven(invocation) || connection.passwordEnv != null;
    if (named && (cluster || sentinel)) {
      throw new UsageException(
          (cluster ? "--cluster" : "--sentinel")
              + " starts servers for the run and cannot be used with a server named by --url,"
              + " --url-file, --password-env or REDIS_URL");
    }
    if (named) {
      ConnectionOptions.Resolved resolved = connection.resolve(invocation, err);
      return run(resolved.url(), "from " + resolved.source(), out, err);
    }
    if (cluster && sentinel) {
      throw new UsageException("--cluster and --sentinel cannot be used together");
    }
    RedisTopology topology;
    try {
      topology = startTopology();
    } catch (RuntimeException e) {
      err.println(
          invocation
              .redaction()
              .text(
                  "mp-redis: no --url and no REDIS_URL, and no redis-server could be started: "
                      + e.getMessage()));
      err.println(
          "mp-redis: give a running server with --url or REDIS_URL, or a redis-server executable"
              + " with REDIS_SERVER (mp-redis.jar carries the one of the platform it was built"
              + " on).");
      err.flush();
      return ExitStatus.ERROR;
    }
    try (topology) {
      out.printf("server: %s; stopped afterwards%n", describe(topology));
      return run(topology.endpoints().uri(), null, out, err);
    }
  }

  /** What the test kit starts when no server is named: one server, a cluster or a group. */
  private RedisTopology startTopology() {
    if (cluster) {
      return ClusterTopology.builder().masters(3).replicasPerMaster(0).start();
    }
    if (sentinel) {
      return SentinelTopology.builder().start();
    }
    return RedisServer.startPlain();
  }

  private static String describe(RedisTopology topology) {
    if (topology instanceof RedisServer server) {
      return String.format(
          "redis-server %s (%s), started for this run on %s:%d",
          server.binary().version(), server.binary().source(), server.host(), server.port());
    }
    if (topology instanceof ClusterTopology nodes) {
      RedisServer first = nodes.nodes().get(0);
      return String.format(
          "a Redis Cluster of %d masters, redis-server %s (%s), started for this run on %s",
          nodes.masters().size(),
          first.binary().version(),
          first.binary().source(),
          nodes.endpoints().addresses());
    }
    SentinelTopology group = (SentinelTopology) topology;
    RedisServer master = group.master();
    return String.format(
        "a Sentinel group (master '%s' on port %d, %d replica(s), %d sentinels), redis-server %s"
            + " (%s), started for this run",
        group.masterName(),
        master.port(),
        group.dataNodes().size() - 1,
        group.sentinels().size(),
        master.binary().version(),
        master.binary().source());
  }

  private int run(String url, String source, PrintWriter out, PrintWriter err) {
    Steps steps = new Steps(out);
    flow(steps, url, source, out, err);
    out.println(
        steps.status() == ExitStatus.SUCCESS
            ? "Done: every step took the exit it should."
            : "Stopped: a step took another exit than expected (see above).");
    out.flush();
    return steps.status();
  }

  private void flow(Steps steps, String url, String source, PrintWriter out, PrintWriter err) {
    CreateManager.Result created =
        Redis.createManager(
            url, failure -> err.println(invocation.redaction().text("uh oh: " + failure)));
    if (!(created instanceof CreateManager.Success success)) {
      steps.check("create-manager", created, "success", "");
      return;
    }
    Manager manager = success.manager();
    try {
      steps.check("create-manager", created, "success", "manager for " + manager.target());
      GetConnection.Result leased = Redis.getConnection(manager);
      if (!(leased instanceof GetConnection.Success got)) {
        steps.check("get-connection", leased, "success", "");
        return;
      }
      Connection c = got.connection();
      try {
        steps.check("get-connection", leased, "success", "connection #" + c.id());
        if (source != null) {
          out.printf(
              "    server: Redis %s at %s (%s)%n", serverVersion(c), manager.target(), source);
        }
        cacheFlow(steps, c);
      } finally {
        steps.check(
            "release-connection", Redis.releaseConnection(c), "success", "Connection released.");
      }
    } finally {
      steps.check(
          "destroy-manager", Redis.destroyManager(manager), "success", "Manager destroyed.");
    }
  }

  private static void cacheFlow(Steps steps, Connection c) {
    if (!steps.check(
        "cache-value",
        Redis.cacheValue(c, "stuff", "things"),
        "success",
        "stored `stuff` key with `things`")) {
      return;
    }
    GetCachedValue.Result<Object> read = Redis.getCachedValue(c, "stuff");
    String contains =
        read instanceof GetCachedValue.Success<Object> found
            ? "stuff `key` contains `" + found.value() + "`"
            : "";
    if (!steps.check("get-cached-value", read, "success", contains)
        || !steps.check(
            "destroy-cached-values",
            Redis.destroyCachedValues(c, List.of("stuff")),
            "success",
            "key `stuff` removed")) {
      return;
    }
    steps.check(
        "get-cached-value",
        Redis.getCachedValue(c, "stuff"),
        "notFound",
        "As we expected, the `stuff` key was not found this time.  Good!");
  }

  /** The server's version from {@code server-info}; a courtesy, the steps report failures. */
  private static String serverVersion(Connection c) {
    return Redis.serverInfo(c) instanceof ServerInfo.Success info
        ? info.server().version()
        : "(version unknown)";
  }

  /** Prints numbered steps and remembers the status of the first unexpected exit. */
  private final class Steps {

    private final PrintWriter out;
    private int number;
    private int status = ExitStatus.SUCCESS;

    Steps(PrintWriter out) {
      this.out = out;
    }

    /** Prints the step; whether it took the {@code expected} exit. */
    boolean check(String machine, Exit<?> exit, String expected, String note) {
      number++;
      boolean asExpected = exit.exitName().equals(expected);
      String detail;
      if (asExpected) {
        detail = note;
      } else if (exit instanceof Exit.Failed failed) {
        detail = "expected " + expected + "; " + failed.error();
      } else {
        detail = "expected " + expected;
      }
      out.printf(
          "%2d. %-22s %-10s %s%n",
          number, machine, exit.exitName(), invocation.redaction().text(detail));
      out.flush();
      if (!asExpected && status == ExitStatus.SUCCESS) {
        int of = ExitStatus.of(exit);
        status = of == ExitStatus.SUCCESS ? ExitStatus.ERROR : of;
      }
      return asExpected;
    }

    int status() {
      return status;
    }
  }
}
