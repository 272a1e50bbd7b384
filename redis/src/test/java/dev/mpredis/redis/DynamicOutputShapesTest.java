package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.ExitSpec;
import dev.mpredis.machine.Machine;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.Outcome;
import dev.mpredis.machine.OutputShape;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dynamic face's outputs have the original's report shapes ({@code report.manager}, {@code
 * report.connection}, {@code report.value}, {@code {error}}, nothing, the bare URL), and our
 * machines follow the same rule. The table is the contract; the runs check that real exits have the
 * declared shapes.
 */
@Tag("server")
class DynamicOutputShapesTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  /** Every exit of every machine and its dynamic output, as {@code ExitSpec.dynamicOutput()}. */
  static final Map<String, Map<String, String>> SHAPES = new LinkedHashMap<>();

  static {
    shapes("create-manager", "success={manager}", "malformed={error}", "failed={error}");
    shapes("destroy-manager", "success=none", "failed={error}");
    shapes("get-connection", "success={connection}", "failed={error}");
    shapes("release-connection", "success=none", "badConnection={error}");
    shapes("cache-value", "success=none", "badConnection={error}");
    shapes("get-cached-value", "success={value}", "notFound=none", "badConnection={error}");
    shapes(
        "destroy-cached-values",
        "success=none",
        "invalidKeys={error}",
        "failed={error}",
        "badConnection={error}");
    shapes("flush-cache", "success=none", "failed={error}", "badConnection={error}");
    shapes("authenticate", "success=none", "failed={error}", "badConnection={error}");
    shapes("create-connection-url", "success=url, bare");
    shapes("cache-values", "success=none", "invalidKeys={error}", "badConnection={error}");
    shapes(
        "get-cached-values",
        "success={values, notFound}",
        "invalidKeys={error}",
        "badConnection={error}");
    shapes("server-info", "success={version, mode, role}", "badConnection={error}");
    shapes("list-keys", "success={keys, cursor}", "badConnection={error}");
    shapes("send-command", "success={reply}", "failed={error}", "badConnection={error}");
    shapes("acquire-lock", "success={token}", "notAcquired=none", "badConnection={error}");
    shapes("release-lock", "success=none", "notHeld=none", "badConnection={error}");
    shapes("extend-lock", "success=none", "notHeld=none", "badConnection={error}");
    shapes("rate-limit", "success={allowed, remaining, retryAfter}", "badConnection={error}");
    shapes(
        "get-or-cache-value",
        "success={value, computed}",
        "computeFailed={error}",
        "timedOut={error}",
        "badConnection={error}");
  }

  private static void shapes(String identity, String... exits) {
    Map<String, String> byExit = new LinkedHashMap<>();
    for (String exit : exits) {
      int at = exit.indexOf('=');
      byExit.put(exit.substring(0, at), exit.substring(at + 1));
    }
    byExit.put("error", "error, bare"); // the implicit exit: its report as it is
    SHAPES.put(identity, byExit);
  }

  static Manager manager;
  static Connection connection;

  @BeforeAll
  static void connect() {
    manager = (Manager) field(run("create-manager", "connectionString", uri()), "manager");
    connection = (Connection) field(run("get-connection", "manager", manager), "connection");
  }

  @AfterAll
  static void destroy() {
    manager.close();
  }

  private static String uri() {
    return redis.server().uri();
  }

  @Test
  void spec_everyExitOfEveryMachine_hasTheOriginalsShape() {
    Map<String, Map<String, String>> declared = new LinkedHashMap<>();
    for (Machine<?, ?> machine : Redis.PACK.machines()) {
      Map<String, String> byExit = new LinkedHashMap<>();
      machine.spec().exits().forEach(e -> byExit.put(e.name(), e.dynamicOutput()));
      declared.put(machine.identity(), byExit);
    }
    assertThat(declared).isEqualTo(SHAPES);
  }

  @Test
  void run_lifecycle_reportsManagerAndConnection_andNothingOnRelease() {
    Outcome created = run("create-manager", "connectionString", uri());
    assertShape("create-manager", created, "success");
    Manager own = (Manager) field(created, "manager");

    Outcome leased = run("get-connection", "manager", own);
    assertShape("get-connection", leased, "success");
    Connection lease = (Connection) field(leased, "connection");
    assertThat(lease.isActive()).isTrue();

    assertShape("release-connection", run("release-connection", "connection", lease), "success");
    Outcome again = run("release-connection", "connection", lease);
    assertShape("release-connection", again, "badConnection");
    assertThat(((MachineError) field(again, "error")).code())
        .isEqualTo(RedisErrorCode.CONNECTION_RELEASED);

    assertShape("destroy-manager", run("destroy-manager", "manager", own), "success");
  }

  @Test
  void run_failures_reportTheirError() throws IOException {
    Outcome malformed = run("create-manager", "connectionString", "redis://127.0.0.1:notaport");
    assertShape("create-manager", malformed, "malformed");
    assertThat(field(malformed, "error")).isSameAs(malformed.error().orElseThrow());

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Manager nowhere = Redis.createManager("redis://127.0.0.1:" + closedPort).orThrow();
    try {
      Outcome failed = run("get-connection", "manager", nowhere);
      assertShape("get-connection", failed, "failed");
      assertThat(((MachineError) field(failed, "error")).code())
          .isEqualTo(RedisErrorCode.CONNECTION_REFUSED);
    } finally {
      nowhere.close();
    }

    // authenticate on a shared lease is refused: failed {error}
    assertShape(
        "authenticate", run("authenticate", "connection", connection, "password", "pw"), "failed");

    Outcome error = run("get-cached-value", "connection", connection);
    assertShape("get-cached-value", error, "error");
    assertThat(error.output()).isSameAs(error.error().orElseThrow());
  }

  @Test
  void run_cacheMachines_haveTheOriginalsShapes() {
    assertShape(
        "cache-value",
        run("cache-value", "connection", connection, "key", "shape:a", "value", "things"),
        "success");

    Outcome found = run("get-cached-value", "connection", connection, "key", "shape:a");
    assertShape("get-cached-value", found, "success");
    assertThat(found.output()).isEqualTo(Map.of("value", "things")); // report.value

    Map<String, Object> cachedNull = new HashMap<>();
    cachedNull.put("connection", connection);
    cachedNull.put("key", "shape:null");
    cachedNull.put("value", null);
    assertShape("cache-value", Redis.PACK.machine("cache-value").run(cachedNull), "success");
    Outcome foundNull = run("get-cached-value", "connection", connection, "key", "shape:null");
    assertThat(field(foundNull, "value")).isNull();
    assertThat((Map<?, ?>) foundNull.output()).hasSize(1);

    assertShape(
        "destroy-cached-values",
        run("destroy-cached-values", "connection", connection, "keys", List.of("shape:a")),
        "success");
    assertShape(
        "get-cached-value",
        run("get-cached-value", "connection", connection, "key", "shape:a"),
        "notFound");
    assertShape(
        "destroy-cached-values",
        run("destroy-cached-values", "connection", connection, "keys", List.of("")),
        "invalidKeys");
    assertShape(
        "get-cached-value",
        run("get-cached-value", "connection", Map.of(), "key", "shape:a"),
        "badConnection");
  }

  @Test
  void run_ourMachines_reportByTheTypedRecordsComponents() {
    assertShape(
        "cache-values",
        run("cache-values", "connection", connection, "values", Map.of("shape:b", 2)),
        "success");
    assertShape(
        "cache-values",
        run("cache-values", "connection", connection, "values", Map.of("", 2)),
        "invalidKeys");

    Outcome found =
        run("get-cached-values", "connection", connection, "keys", List.of("shape:b", "shape:c"));
    assertShape("get-cached-values", found, "success");
    assertThat(found.output())
        .isEqualTo(Map.of("values", Map.of("shape:b", 2), "notFound", List.of("shape:c")));

    assertShape("flush-cache", run("flush-cache", "connection", connection), "success");

    Outcome reply = run("send-command", "connection", connection, "command", "PING");
    assertShape("send-command", reply, "success");
    assertThat(reply.output()).isEqualTo(Map.of("reply", "PONG"));
    assertShape(
        "send-command",
        run("send-command", "connection", connection, "command", "MULTI"),
        "failed");

    Callable<Object> compute = () -> List.of("computed");
    Outcome computed =
        run("get-or-cache-value", "connection", connection, "key", "shape:d", "compute", compute);
    assertShape("get-or-cache-value", computed, "success");
    assertThat(computed.output()).isEqualTo(Map.of("value", List.of("computed"), "computed", true));
    Callable<Object> failing =
        () -> {
          throw new IllegalStateException("no");
        };
    assertShape(
        "get-or-cache-value",
        run("get-or-cache-value", "connection", connection, "key", "shape:e", "compute", failing),
        "computeFailed");
  }

  @Test
  void run_authenticateOnADedicatedConnection_succeedsWithoutOutput() {
    Outcome leased =
        Redis.PACK
            .machine("get-connection")
            .run(Map.of("manager", manager, "meta", Map.of("dedicated", true)));
    Connection dedicated = (Connection) field(leased, "connection");
    try {
      // The default user has no password: AUTH default <anything> is accepted.
      assertShape(
          "authenticate",
          run("authenticate", "connection", dedicated, "username", "default", "password", "x"),
          "success");
    } finally {
      dedicated.close();
    }
  }

  @Test
  void run_createConnectionUrl_isTheBareUrl() {
    Outcome url = run("create-connection-url", "host", "redis2go.com", "port", 6380, "db", 15);

    assertShape("create-connection-url", url, "success");
    assertThat(url.output()).isEqualTo("redis://redis2go.com:6380/15");
  }

  /** The outcome took {@code exit}, and its output has the shape the table gives. */
  private static void assertShape(String identity, Outcome outcome, String exit) {
    assertThat(outcome.exitName()).as(identity + ": " + outcome).isEqualTo(exit);
    ExitSpec spec = Redis.PACK.machine(identity).spec().exit(exit).orElseThrow();
    assertThat(spec.dynamicOutput()).isEqualTo(SHAPES.get(identity).get(exit));
    Object output = outcome.output();
    if (spec.outputShape() == OutputShape.NONE) {
      assertThat(output).as(identity + " " + exit).isNull();
    } else if (spec.outputShape() == OutputShape.BARE) {
      assertThat(output).as(identity + " " + exit).isSameAs(outcome.exit().output());
    } else {
      assertThat(output).as(identity + " " + exit).isInstanceOf(Map.class);
      Set<Object> keys = new TreeSet<>(((Map<?, ?>) output).keySet());
      assertThat(keys).isEqualTo(new TreeSet<Object>(spec.reportFields()));
    }
  }

  private static Object field(Outcome outcome, String name) {
    assertThat(outcome.output()).as(outcome.toString()).isInstanceOf(Map.class);
    Map<?, ?> report = (Map<?, ?>) outcome.output();
    assertThat(report.containsKey(name)).as(outcome + " has " + name).isTrue();
    return report.get(name);
  }

  private static Outcome run(String identity, Object... namesAndValues) {
    Map<String, Object> inputs = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      inputs.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return Redis.PACK.machine(identity).run(inputs);
  }
}
