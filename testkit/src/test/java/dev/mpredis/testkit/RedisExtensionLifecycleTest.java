package dev.mpredis.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * How {@link RedisExtension} behaves around failures: fixture classes (nested, so the build does
 * not run them on their own) run through a launcher of this test's own, with standard error
 * captured.
 */
@Tag("server")
class RedisExtensionLifecycleTest {

  /** What the fixtures saw, by name: written by them, read by the assertions here. */
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  record Run(TestExecutionSummary summary, String stderr) {
    List<String> failed() {
      return summary.getFailures().stream()
          .map(f -> f.getTestIdentifier().getDisplayName())
          .sorted()
          .collect(Collectors.toList());
    }
  }

  static Run run(Class<?> fixture) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      LauncherFactory.create()
          .execute(
              LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(),
              listener);
    } finally {
      System.setErr(original);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    original.print(stderr); // still visible in the build's output
    return new Run(listener.getSummary(), stderr);
  }

  /** A class whose one test fails, with a client that checks the server at its close. */
  static class FailingTestFixture {
    @RegisterExtension
    static final RedisExtension redis =
        RedisExtension.of(RedisKind.STANDALONE).withClient(Probe.class, Probe::new);

    @Test
    void fails(RedisServer server) throws IOException {
      SEEN.put("pid", server.pid());
      SEEN.put("directory", server.directory());
      server.command("SET", "k", "v");
      throw new AssertionError("this test fails on purpose");
    }
  }

  /** Records whether the server still answered when the client was closed. */
  record Probe(RedisEndpoints endpoints) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try (RespClient client =
          RespClient.connect(
              "127.0.0.1", endpoints.addresses().get(0).port(), java.time.Duration.ofSeconds(5))) {
        SEEN.put("answeredAtClientClose", client.command("PING"));
      }
    }
  }

  @Test
  void failedTest_printsStartAndLogTail_andEverythingIsClosedAfterTheClass() {
    SEEN.clear();
    int[] before = LiveProcesses.counts();

    Run run = run(FailingTestFixture.class);

    assertThat(run.failed()).containsExactly("fails(RedisServer)");
    assertThat(run.stderr())
        .containsPattern("mp-redis testkit: STANDALONE started at [0-9:.]+ in \\d+ ms")
        .contains("Test FailingTestFixture.fails fails(RedisServer) failed; STANDALONE started")
        .contains("--- redis-server log (on port")
        .contains("Ready to accept connections");
    assertThat(SEEN.get("answeredAtClientClose")).isEqualTo("PONG");
    long pid = (Long) SEEN.get("pid");
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    assertThat((java.nio.file.Path) SEEN.get("directory")).doesNotExist();
    assertThat(LiveProcesses.counts()).containsExactly(before);
  }

  /** Two deployments; a client that cannot be made; tests that use one, the other, or none. */
  static class TwoDeploymentsFixture {
    @RegisterExtension
    static final RedisExtension tcp =
        RedisExtension.of(RedisKind.STANDALONE)
            .withClient(
                Probe.class,
                e -> {
                  throw new IllegalArgumentException("no client today");
                })
            .withClient(Closer.class, Probe.class, p -> new Closer());

    @RegisterExtension static final RedisExtension socket = RedisExtension.of(RedisKind.SOCKET);

    @Test
    void socketOnly_fails() throws IOException {
      socket.server().command("PING");
      throw new AssertionError("fails using the socket server only");
    }

    @Test
    void client_fails() {
      tcp.client(Probe.class);
    }

    @Test
    void madeFromTheFailedClient_fails() {
      tcp.client(Closer.class);
    }

    @Test
    void withoutTheClient_passes() throws IOException {
      assertThat(tcp.server().command("PING")).isEqualTo("PONG");
    }
  }

  /** A client made from {@link Probe}. */
  static final class Closer implements AutoCloseable {
    @Override
    public void close() {}
  }

  @Test
  void clientFailure_failsOnlyTheTestsThatAskForIt_andLogsFollowTheDeploymentUsed() {
    Run run = run(TwoDeploymentsFixture.class);

    assertThat(run.summary().getTestsSucceededCount()).isEqualTo(1);
    assertThat(run.failed())
        .containsExactly("client_fails()", "madeFromTheFailedClient_fails()", "socketOnly_fails()");
    Map<String, Throwable> causes =
        run.summary().getFailures().stream()
            .collect(
                Collectors.toMap(
                    f -> f.getTestIdentifier().getDisplayName(), f -> f.getException()));
    assertThat(causes.get("client_fails()"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the Probe client of the STANDALONE deployment could not be made:"
                + " java.lang.IllegalArgumentException: no client today")
        .hasRootCauseMessage("no client today");
    assertThat(causes.get("madeFromTheFailedClient_fails()"))
        .hasMessageEndingWith("(and Closer is made after it)");

    String socketFailure = section(run.stderr(), "socketOnly_fails");
    assertThat(socketFailure).contains("SOCKET started").doesNotContain("STANDALONE started");
    String clientFailure = section(run.stderr(), "client_fails");
    assertThat(clientFailure).contains("STANDALONE started").doesNotContain("SOCKET started");
  }

  /** The failure output printed for {@code test}, up to the next test's. */
  private static String section(String stderr, String test) {
    int start = stderr.indexOf("Test TwoDeploymentsFixture." + test);
    assertThat(start).as("output for " + test).isNotNegative();
    int end = stderr.indexOf("Test TwoDeploymentsFixture.", start + 1);
    return end < 0 ? stderr.substring(start) : stderr.substring(start, end);
  }
}
