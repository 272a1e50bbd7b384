package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A unix socket needs Netty's native transport: with it the machines work; without it
 * create-manager exits {@code failed} with NO_NATIVE_TRANSPORT instead of a stack trace. The cache
 * machines' exits on a socket are covered by the cache-machine matrix.
 */
@Tag("server")
class SocketDeploymentTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.SOCKET);

  @Test
  void machines_overTheSocket_work() {
    try (Manager manager = Redis.createManager(redis.endpoints().uri("database=3")).orThrow();
        Connection connection = Redis.getConnection(manager).orThrow()) {
      Redis.cacheValue(connection, "over-socket", 42).orThrow();

      assertThat(Redis.getCachedValue(connection, "over-socket").output()).isEqualTo(42);
      assertThat(Redis.sendCommand(connection, "CLIENT", "INFO").output().toString())
          .contains("db=3");
    }
  }

  @Test
  void createManager_withoutNativeTransport_failsNoNativeTransport()
      throws IOException, InterruptedException {
    // Lettuce reads io.lettuce.core.epoll once per JVM, so a JVM of its own plays the platform
    // without a native transport.
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dio.lettuce.core.epoll=false");
    command.add("-cp");
    command.add(classPath());
    command.add(NoNativeTransport.class.getName());
    command.add(redis.uri());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!ended) {
      process.destroyForcibly();
    }

    assertThat(ended).as(output).isTrue();
    assertThat(output).contains("failed NO_NATIVE_TRANSPORT").contains("native transport");
  }

  /** Everything this JVM runs with, module path included, as one class path. */
  private static String classPath() {
    List<String> parts = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isEmpty()) {
        parts.add(value);
      }
    }
    return String.join(File.pathSeparator, parts);
  }

  /** Prints create-manager's exit and code for the connection string in {@code args[0]}. */
  static final class NoNativeTransport {
    public static void main(String[] args) {
      CreateManager.Result result = Redis.createManager(args[0]);
      if (result instanceof CreateManager.Failed failed) {
        System.out.println("failed " + failed.error().code() + ": " + failed.error().message());
      } else {
        System.out.println(result.exitName());
      }
      if (result instanceof CreateManager.Success success) {
        success.manager().close();
      }
    }
  }
}
