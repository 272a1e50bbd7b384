package dev.mpredis.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's program against the built jars (or, in a reactor build that stops before {@code
 * package}, the modules' class directories), compiled with the JDK's compiler and run in its own
 * JVM: once as a named module on the module path ({@code requires dev.mpredis.redis}), once on the
 * class path. Both do a cache-value / get-cached-value round trip against a real server. On the
 * module path, an import of {@code dev.mpredis.redis.internal} does not compile and reflection into
 * it is refused.
 */
@Tag("server")
class JarConsumerTest {

  private static final long RUN_TIMEOUT_SECONDS = 60;

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  @TempDir Path work;

  private static final String MAIN =
      """
      package consumer;

      import dev.mpredis.redis.Connection;
      import dev.mpredis.redis.GetCachedValue;
      import dev.mpredis.redis.Manager;
      import dev.mpredis.redis.Redis;
      import java.util.Map;

      public final class Main {
        public static void main(String[] args) throws Exception {
          try (Manager manager = Redis.createManager(args[0]).orThrow();
              Connection connection = Redis.getConnection(manager).orThrow()) {
            Redis.cacheValue(connection, "consumer", Map.of("ok", true)).orThrow();
            GetCachedValue.Result<Object> read = Redis.getCachedValue(connection, "consumer");
            System.out.println("read: " + read.orThrow());
            System.out.println("server: " + Redis.serverInfo(connection).orThrow().mode());
          }
          Module pack = Redis.class.getModule();
          System.out.println("module: " + (pack.isNamed() ? pack.getName() : "unnamed"));
          try {
            Class.forName("dev.mpredis.redis.internal.Json").getMethod("mapper").invoke(null);
            System.out.println("internal: reachable");
          } catch (IllegalAccessException e) {
            System.out.println("internal: refused");
          }
        }
      }
      """;

  private static final String MODULE_INFO = "module consumer { requires dev.mpredis.redis; }\n";

  @Test
  void modulePath_roundTrip_internalRefused() throws IOException, InterruptedException {
    Path src = write("mp-src", "module-info.java", MODULE_INFO, "consumer/Main.java", MAIN);
    Path out = work.resolve("mp-out");
    List<Diagnostic<? extends JavaFileObject>> errors =
        compile(src, out, List.of("--module-path", libraries()));
    assertThat(errors).isEmpty();

    String output =
        run(
            List.of(
                "--module-path",
                out + File.pathSeparator + libraries(),
                "-m",
                "consumer/consumer.Main",
                redis.server().uri()));

    assertThat(output)
        .contains("read: {ok=true}", "server: STANDALONE")
        .contains("module: dev.mpredis.redis", "internal: refused");
  }

  @Test
  void modulePath_importOfInternal_doesNotCompile() throws IOException {
    String sneaky =
        """
        package consumer;

        import dev.mpredis.redis.internal.Lease;

        final class Sneaky {
          Lease lease;
        }
        """;
    Path src = write("bad-src", "module-info.java", MODULE_INFO, "consumer/Sneaky.java", sneaky);

    List<Diagnostic<? extends JavaFileObject>> errors =
        compile(src, work.resolve("bad-out"), List.of("--module-path", libraries()));

    assertThat(errors)
        .extracting(d -> d.getMessage(Locale.ROOT))
        .anySatisfy(
            message ->
                assertThat(message)
                    .contains("package dev.mpredis.redis.internal is not visible")
                    .contains("does not export it"));
  }

  @Test
  void classPath_roundTrip() throws IOException, InterruptedException {
    Path src = write("cp-src", "consumer/Main.java", MAIN);
    Path out = work.resolve("cp-out");
    assertThat(compile(src, out, List.of("-classpath", libraries()))).isEmpty();

    String output =
        run(
            List.of(
                "-classpath",
                out + File.pathSeparator + libraries(),
                "consumer.Main",
                redis.server().uri()));

    assertThat(output).contains("read: {ok=true}", "server: STANDALONE", "module: unnamed");
  }

  /**
   * The jars (or class directories) of the pack and everything it needs, from this test's own class
   * path: every entry but the test frameworks and this module's own classes.
   */
  private static String libraries() {
    String own = Path.of("target").toAbsolutePath().toString();
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).toAbsolutePath().startsWith(own))
        .filter(
            entry -> {
              String name = Path.of(entry).getFileName().toString();
              return Stream.of("junit-", "opentest4j-", "apiguardian-", "assertj-", "surefire")
                  .noneMatch(name::startsWith);
            })
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Writes pairs of relative path and text under {@code work/directory}. */
  private Path write(String directory, String... pathsAndTexts) throws IOException {
    Path root = work.resolve(directory);
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      Path file = root.resolve(pathsAndTexts[i]);
      Files.createDirectories(file.getParent());
      Files.writeString(file, pathsAndTexts[i + 1], StandardCharsets.UTF_8);
    }
    return root;
  }

  /** Compiles every source under {@code src} into {@code out}; the errors javac reported. */
  private static List<Diagnostic<? extends JavaFileObject>> compile(
      Path src, Path out, List<String> pathOptions) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<File> sources;
    try (Stream<Path> files = Files.walk(src)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toFile).toList();
    }
    List<String> options = new ArrayList<>(List.of("--release", "17", "-d", out.toString()));
    options.addAll(pathOptions);
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      // Not this JVM's class path (javac's default): only what the options name is visible.
      files.setLocation(StandardLocation.CLASS_PATH, List.of());
      javac
          .getTask(
              null, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources))
          .call();
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .collect(Collectors.toList());
  }

  /** Runs {@code java arguments} and returns its output (stdout and stderr) once it has ended. */
  private String run(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(arguments);
    Path log = Files.createTempFile(work, "consumer", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended)
        .as("consumer ended within %d s; output:%n%s", RUN_TIMEOUT_SECONDS, output)
        .isTrue();
    assertThat(process.exitValue()).as("exit status; output:%n%s", output).isZero();
    return output;
  }
}
