package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quickstart against a given server and against the one it starts itself. */
@Tag("server")
class QuickstartCommandTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  private static final List<String> STEPS =
      List.of(
          " 1. create-manager         success    manager for redis://127.0.0.1:",
          " 2. get-connection         success    connection #",
          " 3. cache-value            success    stored `stuff` key with `things`",
          " 4. get-cached-value       success    stuff `key` contains `things`",
          " 5. destroy-cached-values  success    key `stuff` removed",
          " 6. get-cached-value       notFound   As we expected, the `stuff` key was not found"
              + " this time.  Good!",
          " 7. release-connection     success    Connection released.",
          " 8. destroy-manager        success    Manager destroyed.",
          "Done: every step took the exit it should.");

  private static void assertEveryStep(Cli.Run run) {
    assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.SUCCESS);
    for (String step : STEPS) {
      assertThat(run.out()).as(run.toString()).contains(step);
    }
  }

  @Test
  void quickstart_withUrl_runsEveryStepAgainstThatServer() throws IOException {
    Cli.Run run = Cli.run("quickstart", "--url", redis.server().uri());

    assertEveryStep(run);
    assertThat(run.out())
        .contains("server: Redis " + redis.server().binary().version())
        .contains("at redis://127.0.0.1:" + redis.server().port() + "/0 (from --url)");
    assertThat(redis.server().command("EXISTS", "stuff")).isEqualTo(0L);
  }

  @Test
  void quickstart_withRedisUrl_usesIt() {
    Cli.Run run = Cli.run(Map.of("REDIS_URL", redis.server().uri()), "quickstart");

    assertEveryStep(run);
    assertThat(run.out()).contains(":" + redis.server().port() + "/0 (from REDIS_URL)");
  }

  @Test
  void quickstart_withNothingGiven_startsAndStopsItsOwnServer() throws IOException {
    Cli.Run run = Cli.run(Map.of(), "quickstart");

    assertEveryStep(run);
    assertThat(run.out())
        .containsPattern(
            "server: redis-server \\d+\\.\\d+\\.\\d+ \\(.+\\), started for this run on"
                + " 127\\.0\\.0\\.1:\\d+; stopped afterwards");
    int port =
        Integer.parseInt(
            run.out().replaceAll("(?s).*started for this run on 127.0.0.1:(\\d+);.*", "$1"));
    assertThat(port).isNotEqualTo(redis.server().port());
    try (ServerSocket free = new ServerSocket(port)) {
      assertThat(free.getLocalPort()).isEqualTo(port); // its server is gone: the port is free
    }
  }

  @Test
  void quickstart_nothingListening_stopsWithStatusThree() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    Cli.Run run = Cli.run("quickstart", "--url", "redis://127.0.0.1:" + closedPort);

    assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.FAILED);
    assertThat(run.out())
        .contains(" 2. get-connection         failed     expected success; CONNECTION_REFUSED")
        .contains(" 3. destroy-manager        success")
        .contains("Stopped: a step took another exit than expected");
  }

  @Test
  void quickstart_cluster_runsEveryStepOnAClusterItStarts() {
    Cli.Run run = Cli.run(Map.of(), "quickstart", "--cluster");

    assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(run.out())
        .contains("server: a Redis Cluster of 3 masters")
        .contains("manager for redis-cluster://cluster of 127.0.0.1:");
    for (String step : STEPS.subList(1, STEPS.size())) {
      assertThat(run.out()).as(run.toString()).contains(step);
    }
  }

  @Test
  void quickstart_sentinel_runsEveryStepOnAGroupItStarts() {
    Cli.Run run = Cli.run(Map.of(), "quickstart", "--sentinel");

    assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(run.out())
        .contains("server: a Sentinel group (master 'mymaster'")
        .contains("manager for redis-sentinel://mymaster via 127.0.0.1:");
    for (String step : STEPS.subList(1, STEPS.size())) {
      assertThat(run.out()).as(run.toString()).contains(step);
    }
  }

  @Test
  void quickstart_clusterWithUrl_isAUsageError() {
    Cli.Run run = Cli.run("quickstart", "--cluster", "--url", redis.server().uri());

    assertThat(run.status()).isEqualTo(ExitStatus.INVALID);
    assertThat(run.err()).contains("--cluster starts servers for the run");
  }
}
