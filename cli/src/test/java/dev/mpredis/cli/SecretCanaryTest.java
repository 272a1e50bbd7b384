package dev.mpredis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.RedisExtension;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One canary password driven through every way the command meets a secret (RELIABILITY.md §5): it
 * must never appear on stdout or stderr, raw, percent-encoded, Base64'd, or as a row of stars of
 * its length.
 */
@Tag("server")
class SecretCanaryTest {

  private static final String CANARY = "Canary#pw-7Qx!z@42";
  private static final String WRONG = "Wrong-canary-9Kd";

  @RegisterExtension
  static final RedisExtension redis = RedisExtension.server(b -> b.password(CANARY));

  private static String encoded(String secret) {
    return URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String urlWith(String password) {
    return "redis://:" + encoded(password) + "@127.0.0.1:" + redis.server().port();
  }

  private static void assertNoSecret(Cli.Run run, String... secrets) {
    for (String secret : secrets) {
      assertThat(run.all())
          .as(run.toString())
          .doesNotContain(secret)
          .doesNotContain(encoded(secret))
          .doesNotContain(Base64.getEncoder().encodeToString((":" + secret).getBytes()))
          .doesNotContain("*".repeat(secret.length()));
    }
  }

  @Test
  void urlWithPasswordAsArgument_worksWarnsAndNeverPrintsIt() {
    Cli.Run run =
        Cli.run("exec", "get-cached-value", "--url", urlWith(CANARY), "--input", "key=k", "--json");

    assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.NOT_FOUND);
    assertThat(run.err()).contains("warning: a password given with --url on the command line");
    assertNoSecret(run, CANARY);
  }

  @Test
  void passwordFromRedisUrlOrEnvOrFile_noWarning() throws IOException {
    List<Cli.Run> runs = new ArrayList<>();
    runs.add(Cli.run(Map.of("REDIS_URL", urlWith(CANARY)), "exec", "flush-cache"));
    runs.add(
        Cli.run(
            Map.of("PW", CANARY),
            "exec",
            "flush-cache",
            "--url",
            redis.server().uri(),
            "--password-env",
            "PW"));
    runs.add(
        Cli.runWithStdin(
            Map.of(), urlWith(CANARY) + "\n", "exec", "flush-cache", "--url-file", "-"));
    runs.add(Cli.run(Map.of("REDIS_URL", urlWith(CANARY)), "quickstart"));
    for (Cli.Run run : runs) {
      assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.SUCCESS);
      assertThat(run.err()).as(run.toString()).doesNotContain("warning");
      assertNoSecret(run, CANARY);
    }
  }

  @Test
  void urlFile_readsTheFirstLine(@TempDir Path directory) throws IOException {
    Path file = Files.writeString(directory.resolve("url"), urlWith(CANARY) + "\nignored\n");

    Cli.Run run = Cli.run("exec", "flush-cache", "--url-file", file.toString());

    assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.SUCCESS);
    assertNoSecret(run, CANARY);
  }

  @Test
  void failurePaths_neverPrintThePassword() {
    List<Cli.Run> runs = new ArrayList<>();
    // wrong password, as argument and in the environment
    runs.add(Cli.run("exec", "get-cached-value", "--url", urlWith(WRONG), "--input", "key=k"));
    runs.add(
        Cli.run(
            Map.of("REDIS_URL", urlWith(WRONG)), "exec", "get-cached-value", "--input", "key=k"));
    runs.add(Cli.run(Map.of("REDIS_URL", urlWith(WRONG)), "quickstart"));
    // no password at all
    runs.add(Cli.run("quickstart", "--url", redis.server().uri()));
    // malformed URLs holding the password
    runs.add(Cli.run("exec", "flush-cache", "--url", urlWith(CANARY) + "/notadb", "--json"));
    runs.add(
        Cli.run(
            "exec",
            "flush-cache",
            "--url",
            "redis://:" + CANARY + "@127.0.0.1:" + redis.server().port() + "?bogus=1"));
    runs.add(Cli.run("exec", "flush-cache", "--url", "http://:" + CANARY + "@127.0.0.1"));
    runs.add(
        Cli.run(
            "exec",
            "create-manager",
            "--input",
            "connectionString=redis://:" + CANARY + "@h:99999"));
    // a password in the URL and from --password-env: refused without echoing either
    runs.add(
        Cli.run(
            Map.of("PW", WRONG),
            "exec",
            "flush-cache",
            "--url",
            urlWith(CANARY),
            "--password-env",
            "PW"));
    // an unknown option carrying the URL
    runs.add(Cli.run("exec", "flush-cache", "--uri=" + urlWith(CANARY)));
    for (Cli.Run run : runs) {
      assertThat(run.status()).as(run.toString()).isNotEqualTo(ExitStatus.SUCCESS);
      assertNoSecret(run, CANARY, WRONG);
    }
  }

  @Test
  void secretInputs_areMaskedInEveryOutput() {
    List<Cli.Run> runs = new ArrayList<>();
    runs.add(
        Cli.run("exec", "create-connection-url", "--input", "pass=" + CANARY, "--input", "db=15"));
    runs.add(
        Cli.run(
            Map.of("PW", CANARY),
            "exec",
            "create-connection-url",
            "--input-env",
            "pass=PW",
            "--input",
            "username=app",
            "--json"));
    runs.add(
        Cli.run("exec", "create-connection-url", "--inputs-json", "{\"pass\":\"" + CANARY + "\"}"));
    for (Cli.Run run : runs) {
      assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.SUCCESS);
      assertThat(run.out()).contains(":****@127.0.0.1:6379");
      assertNoSecret(run, CANARY);
    }
    assertThat(runs.get(0).err()).contains("warning: a password given with --input pass");
    assertThat(runs.get(1).err()).doesNotContain("warning").contains("--reveal");
  }

  @Test
  void createConnectionUrl_reveal_printsAUrlThatConnects() {
    Cli.Run built =
        Cli.run(
            Map.of("PW", CANARY),
            "exec",
            "create-connection-url",
            "--input",
            "port=" + redis.server().port(),
            "--input-env",
            "pass=PW",
            "--reveal");
    String url = built.out().lines().filter(l -> l.startsWith("url: ")).findFirst().orElseThrow();

    Cli.Run used = Cli.run(Map.of("REDIS_URL", url.substring(5)), "exec", "flush-cache");

    assertThat(built.status()).as(built.toString()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(built.out()).contains(encoded(CANARY));
    assertThat(built.err()).isEmpty();
    assertThat(used.status()).as(used.toString()).isEqualTo(ExitStatus.SUCCESS);
  }

  @Test
  void connectionStringInput_warnsOnlyWhenItsPasswordIsOnTheCommandLine() {
    Cli.Run fromEnvironment =
        Cli.run(
            Map.of("U", urlWith(CANARY)),
            "exec",
            "create-manager",
            "--input-env",
            "connectionString=U");
    Cli.Run fromArgument =
        Cli.run("exec", "create-manager", "--input", "connectionString=" + urlWith(CANARY));
    Cli.Run fromJson =
        Cli.run(
            "exec",
            "create-manager",
            "--inputs-json",
            "{\"connectionString\":\"" + urlWith(CANARY) + "\"}");
    Cli.Run withoutPassword =
        Cli.run(
            "exec",
            "create-manager",
            "--input",
            "connectionString=redis://127.0.0.1:" + redis.server().port());

    for (Cli.Run run : List.of(fromEnvironment, fromArgument, fromJson, withoutPassword)) {
      assertThat(run.status()).as(run.toString()).isEqualTo(ExitStatus.SUCCESS);
      assertNoSecret(run, CANARY);
    }
    assertThat(fromEnvironment.err()).as(fromEnvironment.toString()).isEmpty();
    assertThat(withoutPassword.err()).as(withoutPassword.toString()).isEmpty();
    assertThat(fromArgument.err())
        .contains("warning: a password given with --input connectionString on the command line");
    assertThat(fromJson.err())
        .contains("warning: a password given with --inputs-json connectionString");
  }

  @Test
  void authenticate_withThePasswordFromTheEnvironment_succeedsSilently() {
    Cli.Run good =
        Cli.run(
            Map.of("REDIS_URL", urlWith(CANARY), "PW", CANARY),
            "exec",
            "authenticate",
            "--input-env",
            "password=PW");
    Cli.Run bad =
        Cli.run(
            Map.of("REDIS_URL", urlWith(CANARY), "PW", WRONG),
            "exec",
            "authenticate",
            "--input-env",
            "password=PW",
            "--json");

    assertThat(good.status()).as(good.toString()).isEqualTo(ExitStatus.SUCCESS);
    assertThat(bad.status()).as(bad.toString()).isEqualTo(ExitStatus.FAILED);
    assertThat(bad.out()).contains("BAD_PASSWORD");
    assertNoSecret(good, CANARY);
    assertNoSecret(bad, CANARY, WRONG);
  }

  @Test
  void helpAndMan_showNoSecretDefaults() {
    for (String[] args : new String[][] {{"--help"}, {"exec", "--help"}, {"man", "authenticate"}}) {
      Cli.Run run = Cli.run(Map.of("REDIS_URL", urlWith(CANARY)), args);

      assertNoSecret(run, CANARY);
    }
  }
}
