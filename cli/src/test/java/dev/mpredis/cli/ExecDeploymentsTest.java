package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code exec --url} takes every scheme: the same two calls on a socket and on a cluster. */
@Tag("server")
class ExecDeploymentsTest {

  @RegisterExtension static final RedisExtension socket = RedisExtension.of(RedisKind.SOCKET);

  @RegisterExtension
  static final RedisExtension cluster =
      RedisExtension.cluster(b -> b.masters(3).replicasPerMaster(0));

  static Stream<RedisExtension> deployments() {
    return Stream.of(socket, cluster);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void exec_cacheThenGet_onEveryScheme(RedisExtension deployment) {
    String url = deployment.uri();
    assertThat(url).startsWith(deployment == socket ? "redis-socket://" : "redis-cluster://");

    Cli.Run cached =
        Cli.run(
            "exec", "cache-value", "--url", url, "--input", "key=exec:any", "--input", "value=7");
    Cli.Run read =
        Cli.run("exec", "get-cached-value", "--url", url, "--input", "key=exec:any", "--json");

    assertThat(cached.status()).as(cached.toString()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(read.status()).as(read.toString()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(read.out()).contains("\"output\":{\"value\":7}");
  }
}
