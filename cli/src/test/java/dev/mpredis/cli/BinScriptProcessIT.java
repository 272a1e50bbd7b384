package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main-job command, {@code bin/mp-redis quickstart}, as a real process from the
 * repository root, with no REDIS_URL: it must start its own redis-server and run every step. Runs
 * in the integration-test phase, after the shade plugin has built {@code cli/target/mp-redis.jar}.
 * Also the script's class-data archive, and what the jar carries.
 */
@Tag("process")
class BinScriptProcessIT {

  private static final long DEADLINE_SECONDS = 180;

  private static final Path ROOT =
      Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

  /** What one run of {@code bin/mp-redis} printed, and its status. */
  private record Run(int status, String out, String err) {
    String report() {
      return "\n--- status " + status + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  private static Run binMpRedis(Path logs, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    assertThat(ROOT.resolve("bin/mp-redis")).isExecutable();
    Path out = Files.createTempFile(logs, "out", ".txt");
    Path err = Files.createTempFile(logs, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(Stream.concat(Stream.of("bin/mp-redis"), Stream.of(args)).toList())
            .directory(ROOT.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().remove("REDIS_URL");
    builder.environment().remove("MP_REDIS_JAVA_OPTS");
    builder.environment().remove("MP_REDIS_CDS");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(environment);

    Process process = builder.start();
    boolean finished = process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    Run run =
        new Run(finished ? process.exitValue() : -1, Files.readString(out), Files.readString(err));
    assertThat(finished).as("finished within " + DEADLINE_SECONDS + " s" + run.report()).isTrue();
    return run;
  }

  @Test
  void binMpRedisQuickstart_fromTheRepositoryRoot_runsEveryStep(@TempDir Path logs)
      throws IOException, InterruptedException {
    Run run = binMpRedis(logs, Map.of(), "quickstart");

    assertThat(run.status()).as(run.report()).isEqualTo(0);
    assertThat(run.out())
        .as(run.report())
        .containsPattern("server: redis-server \\S+ \\(.+\\), started for this run on 127.0.0.1:")
        .contains(" 6. get-cached-value       notFound")
        .contains("Done: every step took the exit it should.");
    assertThat(run.err()).as(run.report()).doesNotContain("SLF4J").doesNotContain("INFO");
  }

  @Test
  void binMpRedis_writesAClassDataArchiveOnce_laterRunsMapIt(@TempDir Path logs)
      throws IOException, InterruptedException {
    Run first = binMpRedis(logs, Map.of(), "--version");
    Path classLoads = logs.resolve("class-load.log");

    Run second =
        binMpRedis(
            logs,
            Map.of("MP_REDIS_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLoads),
            "--version");

    assertThat(first.status()).as(first.report()).isEqualTo(0);
    assertThat(second.status()).as(second.report()).isEqualTo(0);
    try (Stream<Path> files = Files.list(ROOT.resolve("cli/target"))) {
      List<Path> archives =
          files.filter(f -> f.getFileName().toString().matches("mp-redis-\\d+\\.jsa")).toList();
      assertThat(archives).as(first.report()).isNotEmpty();
      for (Path archive : archives) {
        assertThat(Files.size(archive)).as(archive.toString()).isPositive();
      }
    }
    assertThat(second.err()).as(second.report()).isEmpty();
    // nothing of the JVM's on standard output, which --json keeps for its one line
    assertThat(second.out()).as(second.report()).startsWith("mp-redis ");
    assertThat(second.out().lines()).as(second.report()).hasSize(2);
    assertThat(Files.readString(classLoads))
        .contains("dev.mpredis.cli.MpRedis source: shared objects file")
        .contains("picocli.CommandLine source: shared objects file");
  }

  @Test
  void mpRedisJar_carriesNoBouncyCastle_andOneRedisServerAtMost() throws IOException {
    try (ZipFile jar = new ZipFile(ROOT.resolve("cli/target/mp-redis.jar").toFile())) {
      List<String> names = jar.stream().map(ZipEntry::getName).toList();

      assertThat(names).noneMatch(n -> n.startsWith("org/bouncycastle/"));
      assertThat(names.stream().filter(n -> n.startsWith("redis-server-"))).hasSizeLessThan(2);
      assertThat(names).noneMatch(n -> n.startsWith("redis/embedded/"));
    }
  }
}
