package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpredis.machine.Exit;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.CreateManager;
import dev.mpredis.redis.GetCachedValue;
import dev.mpredis.redis.GetConnection;
import dev.mpredis.redis.Redis;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** exec against a real server: every class of exit, with its documented exit status. */
@Tag("server")
class ExecCommandTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String url() {
    return redis.server().uri();
  }

  @Test
  void exec_cacheThenGet_succeedsAndRoundTripsJson() throws IOException {
    Cli.Run cached =
        Cli.run(
            "exec",
            "cache-value",
            "--url",
            url(),
            "--input",
            "key=exec:json",
            "--input",
            "value={\"a\":1,\"b\":[true,null,\"x\"]}",
            "--input",
            "ttl=60");
    assertThat(cached.status()).as(cached.toString()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(cached.out()).isEqualTo("exit: success\n");
    assertThat(redis.server().command("TTL", "exec:json")).isInstanceOf(Long.class);
    assertThat((Long) redis.server().command("TTL", "exec:json")).isBetween(1L, 60L);

    Cli.Run read =
        Cli.run("exec", "get-cached-value", "--url", url(), "--input", "key=exec:json", "--json");

    assertThat(read.status()).as(read.toString()).isEqualTo(ExitStatus.SUCCESS);
    JsonNode line = read.onlyJsonLine();
    assertThat(line.get("machine").asText()).isEqualTo("get-cached-value");
    assertThat(line.get("exit").asText()).isEqualTo("success");
    // the original's report: output.value
    assertThat(line.get("output"))
        .isEqualTo(JSON.readTree("{\"value\":{\"a\":1,\"b\":[true,null,\"x\"]}}"));
    assertThat(line.has("error")).isFalse();
  }

  @Test
  void exec_sendCommand_runsItAndReportsTheReply() throws IOException {
    Cli.Run set =
        Cli.run(
            "exec",
            "send-command",
            "--url",
            url(),
            "--input",
            "command=SET",
            "--input",
            "args=[\"a\",\"1\"]",
            "--json");
    assertThat(set.status()).as(set.toString()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(set.onlyJsonLine().get("output")).isEqualTo(JSON.readTree("{\"reply\":\"OK\"}"));
    assertThat(redis.server().command("GET", "a")).isEqualTo("1");
    Cli.Run human =
        Cli.run(
            "exec",
            "send-command",
            "--url",
            url(),
            "--input",
            "command=GET",
            "--input",
            "args=[\"a\"]");
    assertThat(human.out()).isEqualTo("exit: success\nreply: \"1\"\n");

    Cli.Run wrong =
        Cli.run(
            "exec",
            "send-command",
            "--url",
            url(),
            "--input",
            "command=LPUSH",
            "--input",
            "args=[\"a\",\"x\"]",
            "--json");
    assertThat(wrong.status()).as(wrong.toString()).isEqualTo(ExitStatus.FAILED);
    assertThat(wrong.onlyJsonLine().get("exit").asText()).isEqualTo("failed");
  }

  @Test
  void exec_humanOutput_showsTheExitAndTheValueAsJson() {
    Cli.run(
        "exec", "cache-value", "--url", url(), "--input", "key=exec:h", "--input", "value=\"a\"");

    Cli.Run run = Cli.run("exec", "get-cached-value", "--url", url(), "--input", "key=exec:h");

    assertThat(run.out()).isEqualTo("exit: success\nvalue: \"a\"\n");
  }

  @Test
  void exec_inputsJsonAndRedisUrl_areUsed() throws IOException {
    Cli.Run run =
        Cli.run(
            Map.of("REDIS_URL", url()),
            "exec",
            "cache-value",
            "--inputs-json",
            "{\"key\":\"exec:inputs-json\",\"value\":[1,2]}",
            "--json");

    assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(run.onlyJsonLine().get("exit").asText()).isEqualTo("success");
    assertThat(redis.server().command("GET", "exec:inputs-json")).isEqualTo("[1,2]");
  }

  @Test
  void exec_missingKey_isNotFoundWithStatusTwo() throws IOException {
    Cli.Run run =
        Cli.run("exec", "get-cached-value", "--url", url(), "--input", "key=exec:none", "--json");

    assertThat(run.status()).isEqualTo(ExitStatus.NOT_FOUND);
    JsonNode line = run.onlyJsonLine();
    assertThat(line.get("exit").asText()).isEqualTo("notFound");
    assertThat(line.get("output").isNull()).isTrue();
  }

  @Test
  void exec_valueNotJson_isTheErrorExitWithStatusOne() throws IOException {
    redis.server().command("SET", "exec:raw", "not json");

    Cli.Run run =
        Cli.run("exec", "get-cached-value", "--url", url(), "--input", "key=exec:raw", "--json");

    assertThat(run.status()).isEqualTo(ExitStatus.ERROR);
    JsonNode line = run.onlyJsonLine();
    assertThat(line.get("exit").asText()).isEqualTo("error");
    assertThat(line.at("/error/code").asText()).isEqualTo("VALUE_NOT_JSON");
    assertThat(line.at("/error/message").asText()).contains("exec:raw");
    assertThat(line.get("output")).isEqualTo(line.get("error")); // the error exit: its report bare
  }

  @Test
  void exec_nothingListening_isFailedWithStatusThree() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    Cli.Run run =
        Cli.run(
            "exec",
            "get-cached-value",
            "--url",
            "redis://127.0.0.1:" + closedPort,
            "--input",
            "key=k",
            "--json");

    assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.FAILED);
    JsonNode line = run.onlyJsonLine();
    assertThat(line.get("step").asText()).isEqualTo("get-connection");
    assertThat(line.get("exit").asText()).isEqualTo("failed");
    assertThat(line.at("/error/code").asText()).isEqualTo("CONNECTION_REFUSED");
    assertThat(line.at("/output/error")).isEqualTo(line.get("error")); // failed {error}
  }

  @Test
  void exec_malformedUrl_isMalformedWithStatusFour() throws IOException {
    Cli.Run run = Cli.run("exec", "flush-cache", "--url", "redis://127.0.0.1:notaport", "--json");

    assertThat(run.status()).isEqualTo(ExitStatus.INVALID);
    JsonNode line = run.onlyJsonLine();
    assertThat(line.get("step").asText()).isEqualTo("create-manager");
    assertThat(line.get("exit").asText()).isEqualTo("malformed");
    assertThat(line.at("/error/code").asText()).isEqualTo("INVALID_URL");
    assertThat(line.at("/output/error/code").asText())
        .isEqualTo("INVALID_URL"); // malformed {error}
  }

  @Test
  void exec_invalidInputs_exitFour() throws IOException {
    String[][] cases = {
      // not JSON where JSON is expected: a usage error before anything runs
      {"exec", "cache-value", "--input", "key=k", "--input", "value=things"},
      {"exec", "cache-value", "--input", "key=k", "--input", "value=1", "--input", "ttl=soon"},
      // the machine's own contract: the error exit with INVALID_INPUT
      {"exec", "cache-value", "--input", "key=k", "--input", "value=1", "--input", "ttl=-1"},
      {"exec", "get-cached-value"},
      {"exec", "get-cached-value", "--input", "key="},
      // invalidKeys
      {"exec", "destroy-cached-values", "--input", "keys=[\"a\",\"\"]"},
      // not an input, an input mp-redis provides, twice the same input, no such machine
      {"exec", "get-cached-value", "--input", "key=k", "--input", "colour=red"},
      {"exec", "get-cached-value", "--input", "key=k", "--input", "connection=1"},
      {"exec", "get-cached-value", "--input", "key=k", "--inputs-json", "{\"key\":\"k\"}"},
      {"exec", "get-cached-value", "--input", "key"},
      {"exec", "get-cached-valu"},
      {"exec", "cache-value", "--inputs-json", "[1]"},
    };
    for (String[] args : cases) {
      String[] withUrl = new String[args.length + 2];
      System.arraycopy(args, 0, withUrl, 0, args.length);
      withUrl[args.length] = "--url";
      withUrl[args.length + 1] = url();

      Cli.Run run = Cli.run(withUrl);

      assertThat(run.status()).as(String.join(" ", args) + "\n" + run).isEqualTo(4);
    }
    assertThat(redis.server().command("EXISTS", "k")).isEqualTo(0L);
  }

  @Test
  void exec_invalidInputs_areReportedBeforeConnecting_asTheConnectedMachineReportsThem()
      throws IOException {
    CreateManager.Success created =
        (CreateManager.Success) Redis.createManager(url(), failure -> {});
    try {
      Connection connection =
          ((GetConnection.Success) Redis.getConnection(created.manager())).connection();
      for (String key : new String[] {"", "k"}) {
        Map<String, Object> inputs = new HashMap<>(Map.of("connection", connection));
        if (!key.equals("k")) {
          inputs.put("key", key);
        }
        Exit<?> connected = GetCachedValue.INSTANCE.run(inputs).exit();
        List<String> args =
            new ArrayList<>(
                List.of("exec", "get-cached-value", "--url", "redis://127.0.0.1:1", "--json"));
        if (!key.equals("k")) {
          args.addAll(List.of("--input", "key=" + key));
        }

        Cli.Run run = Cli.run(args.toArray(String[]::new));

        assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.INVALID);
        JsonNode line = run.onlyJsonLine();
        assertThat(line.get("exit").asText()).isEqualTo(connected.exitName());
        assertThat(line.at("/error/message").asText())
            .isEqualTo(((Exit.Failed) connected).error().message());
      }
      Redis.releaseConnection(connection);
    } finally {
      Redis.destroyManager(created.manager());
    }
  }

  @Test
  void exec_invalidKeys_reportsTheExitAndDeletesNothing() throws IOException {
    redis.server().command("SET", "exec:keep", "1");

    Cli.Run run =
        Cli.run(
            "exec",
            "destroy-cached-values",
            "--url",
            url(),
            "--input",
            "keys=[\"exec:keep\",\"\"]",
            "--json");

    assertThat(run.status()).isEqualTo(ExitStatus.INVALID);
    JsonNode line = run.onlyJsonLine();
    assertThat(line.get("exit").asText()).isEqualTo("invalidKeys");
    assertThat(line.at("/output/error/code").asText()).isEqualTo("INVALID_INPUT");
    assertThat(redis.server().command("EXISTS", "exec:keep")).isEqualTo(1L);
  }

  @Test
  void exec_notJsonValue_saysHowToWriteAString() {
    Cli.Run run =
        Cli.run("exec", "cache-value", "--url", url(), "--input", "key=k", "--input", "value=x");

    assertThat(run.err()).contains("input value was set to x, must be JSON").contains("'\"text\"'");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void exec_lifecycleMachines_cleanUpAfterThemselves() throws IOException {
    Map<String, String> outputs =
        Map.of(
            "create-manager", "{\"manager\":\"\"}",
            "get-connection", "{\"connection\":\"\"}",
            "destroy-manager", "null");
    for (Map.Entry<String, String> machine : outputs.entrySet()) {
      Cli.Run run = Cli.run("exec", machine.getKey(), "--url", url(), "--json");

      assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.SUCCESS);
      JsonNode line = run.onlyJsonLine();
      assertThat(line.get("exit").asText()).isEqualTo("success");
      // the original's report.manager / report.connection (as descriptions), or nothing
      JsonNode output = line.get("output");
      if (output.isObject()) {
        output.fields().forEachRemaining(f -> f.setValue(JSON.getNodeFactory().textNode("")));
      }
      assertThat(output).as(machine.getKey()).isEqualTo(JSON.readTree(machine.getValue()));
      assertThat(run.err()).as(machine.getKey()).isEmpty(); // no cleanup warning
    }
    Cli.Run released = Cli.run("exec", "release-connection", "--url", url());
    assertThat(released.status()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(released.err()).isEmpty();
  }

  @Test
  void exec_flushCacheAndAuthenticate_runOnTheirConnections() {
    Cli.Run flushed = Cli.run("exec", "flush-cache", "--url", url());
    assertThat(flushed.status()).as(flushed.toString()).isEqualTo(ExitStatus.SUCCESS);

    // The server has no password: AUTH is refused, and reported as failed.
    Cli.Run auth =
        Cli.run(
            Map.of("PW", "whatever"),
            "exec",
            "authenticate",
            "--url",
            url(),
            "--input-env",
            "password=PW");
    assertThat(auth.status()).as(auth.toString()).isEqualTo(ExitStatus.FAILED);
    assertThat(auth.out())
        .startsWith("exit: failed\nerror: ")
        // its spec asks for a dedicated connection, so exec leased one without --dedicated
        .doesNotContain("DEDICATED_CONNECTION_REQUIRED");
  }

  @Test
  void exec_listKeys_listsTheMatchingKeysAndTheCursor() throws IOException {
    redis.server().command("MSET", "exec:list:1", "1", "exec:list:2", "1", "exec:other", "1");
    Cli.Run listed =
        Cli.run(
            "exec",
            "list-keys",
            "--url",
            url(),
            "--input",
            "pattern=exec:list:*",
            "--input",
            "limit=10",
            "--json");
    assertThat(listed.status()).as(listed.toString()).isEqualTo(ExitStatus.SUCCESS);
    JsonNode output = listed.onlyJsonLine().get("output");
    assertThat(output.get("cursor").isNull()).isTrue();
    List<String> keys = new ArrayList<>();
    output.get("keys").forEach(k -> keys.add(k.asText()));
    assertThat(keys).containsExactlyInAnyOrder("exec:list:1", "exec:list:2");
  }

  @Test
  void exec_createConnectionUrl_needsNoServer() throws IOException {
    Cli.Run run =
        Cli.run(
            "exec",
            "create-connection-url",
            "--input",
            "host=redis2go.com",
            "--input",
            "port=6380",
            "--input",
            "db=15",
            "--json");

    assertThat(run.status()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(run.onlyJsonLine().get("output").asText()).isEqualTo("redis://redis2go.com:6380/15");
  }

  @Test
  void exec_json_hasTheOriginalsShapes_andOursForTheBulkMachines() throws IOException {
    Cli.Run cached =
        Cli.run(
            "exec",
            "cache-values",
            "--url",
            url(),
            "--inputs-json",
            "{\"values\":{\"exec:b1\":1,\"exec:b2\":\"two\"}}",
            "--json");
    assertThat(cached.status()).as(cached.toString()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(cached.onlyJsonLine().get("output").isNull())
        .isTrue(); // no output, like cache-value

    Cli.Run read =
        Cli.run(
            "exec",
            "get-cached-values",
            "--url",
            url(),
            "--input",
            "keys=[\"exec:b1\",\"exec:b2\",\"exec:b3\"]",
            "--json");
    assertThat(read.onlyJsonLine().get("output"))
        .isEqualTo(
            JSON.readTree(
                "{\"values\":{\"exec:b1\":1,\"exec:b2\":\"two\"},\"notFound\":[\"exec:b3\"]}"));

    Cli.Run human =
        Cli.run("exec", "get-cached-values", "--url", url(), "--input", "keys=[\"exec:b2\"]");
    assertThat(human.out())
        .isEqualTo("exit: success\nvalues: {\"exec:b2\":\"two\"}\nnotFound: []\n");

    for (String machine : new String[] {"cache-value", "destroy-cached-values", "flush-cache"}) {
      Cli.Run run =
          Cli.run(
              "exec",
              machine,
              "--url",
              url(),
              "--inputs-json",
              machine.equals("flush-cache")
                  ? "{}"
                  : machine.equals("cache-value")
                      ? "{\"key\":\"exec:n\",\"value\":1}"
                      : "{\"keys\":[\"exec:n\"]}",
              "--json");
      assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.SUCCESS);
      assertThat(run.onlyJsonLine().get("output").isNull()).as(machine).isTrue();
    }
  }
}
