package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main-job command, {@code bin/mp-redis quickstart}, as a real process from the
 * repository root, with no REDIS_URL: it must start its own redis-server and run every step. Runs
 * in the integration-test phase, after the shade plugin has built {@code cli/target/mp-redis.jar}.
 */
@Tag("process")
class BinScriptProcessIT {

  private static final long DEADLINE_SECONDS = 180;

  @Test
  void binMpRedisQuickstart_fromTheRepositoryRoot_runsEveryStep(@TempDir Path logs)
      throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    assertThat(root.resolve("bin/mp-redis")).isExecutable();
    Path out = logs.resolve("out");
    Path err = logs.resolve("err");
    ProcessBuilder builder =
        new ProcessBuilder("bin/mp-redis", "quickstart")
            .directory(root.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().remove("REDIS_URL");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));

    Process process = builder.start();
    boolean finished = process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }

    String stdout = Files.readString(out);
    String stderr = Files.readString(err);
    String report = "\n--- out:\n" + stdout + "--- err:\n" + stderr;
    assertThat(finished).as("finished within " + DEADLINE_SECONDS + " s" + report).isTrue();
    assertThat(process.exitValue()).as(report).isEqualTo(0);
    assertThat(stdout)
        .as(report)
        .containsPattern("server: redis-server \\S+ \\(.+\\), started for this run on 127.0.0.1:")
        .contains(" 6. get-cached-value       notFound")
        .contains("Done: every step took the exit it should.");
    assertThat(stderr).as(report).doesNotContain("SLF4J").doesNotContain("INFO");
  }
}
