package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.testkit.AclUser;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.Waits;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Canary passwords driven through a manager's life with Lettuce and Netty logging at TRACE: none
 * may reach the log in any form (raw, percent-encoded, Base64 of user:pass, one star per
 * character). Netty, and Lettuce through it, log to java.util.logging here (no SLF4J binding on the
 * test class path); the test checks that before relying on it.
 */
@Tag("server")
class LettuceLogCanaryTest {

  /** The server's password, lengths other than 4 (the fixed mask) and unlike each other. */
  static final String PASSWORD = "Srv:canary@7/x?9#"; // 17

  static final String USER = "canary-user";
  static final String USER_PASSWORD = "Acl canary%pw!5"; // 15
  static final String WRONG_PASSWORD = "Wr0ng-canary:pw@"; // 16

  @RegisterExtension
  static final RedisExtension redis =
      RedisExtension.server(b -> b.password(PASSWORD).user(AclUser.full(USER, USER_PASSWORD)));

  static final List<Logger> LOGGERS =
      List.of(Logger.getLogger("io.lettuce"), Logger.getLogger("io.netty"));

  static final Capture capture = new Capture();
  static final Level[] previousLevels = new Level[LOGGERS.size()];

  @BeforeAll
  static void captureTrace() {
    assertThat(InternalLoggerFactory.getDefaultFactory())
        .as("Netty's logging backend on the test class path (the capture below is for JUL)")
        .isInstanceOf(JdkLoggerFactory.class);
    for (int i = 0; i < LOGGERS.size(); i++) {
      previousLevels[i] = LOGGERS.get(i).getLevel();
      LOGGERS.get(i).setLevel(Level.ALL);
      LOGGERS.get(i).addHandler(capture);
    }
  }

  @AfterAll
  static void restoreLogging() {
    for (int i = 0; i < LOGGERS.size(); i++) {
      LOGGERS.get(i).removeHandler(capture);
      LOGGERS.get(i).setLevel(previousLevels[i]);
    }
  }

  @Test
  void managerLifecycle_atTrace_logsNoFormOfAnyPassword() throws Exception {
    int port = redis.server().port();
    String address = "@127.0.0.1:" + port;

    try (Manager manager = Redis.createManager("redis://:" + encode(PASSWORD) + address).orThrow();
        Connection shared = Redis.getConnection(manager, Duration.ofMillis(3000)).orThrow();
        Connection dedicated =
            Redis.getDedicatedConnection(manager, Duration.ofMillis(3000)).orThrow()) {
      assertThat(Redis.cacheValue(shared, "canary:k", 1)).isInstanceOf(CacheValue.Success.class);
      assertThat(Redis.getCachedValue(dedicated, "canary:k"))
          .isInstanceOf(GetCachedValue.Success.class);

      assertThat(Redis.authenticate(dedicated, USER, WRONG_PASSWORD))
          .isInstanceOf(Authenticate.Failed.class);
      assertThat(Redis.authenticate(dedicated, USER, USER_PASSWORD))
          .isInstanceOf(Authenticate.Success.class);
      assertThat(Redis.cacheValue(dedicated, "canary:k", 2)).isInstanceOf(CacheValue.Success.class);

      // The server drops every client: both reconnect, and the handshake authenticates again.
      redis.server().command("CLIENT", "KILL", "TYPE", "normal");
      Waits.until(
          "the shared connection to reconnect",
          Duration.ofSeconds(10),
          () -> Redis.getCachedValue(shared, "canary:k") instanceof GetCachedValue.Success);
      Waits.until(
          "the dedicated connection to reconnect",
          Duration.ofSeconds(10),
          () -> Redis.cacheValue(dedicated, "canary:k", 3) instanceof CacheValue.Success);
    }

    // An ACL user in the connection string (HELLO/AUTH with a user name), then a wrong password.
    try (Manager manager =
            Redis.createManager("redis://" + USER + ":" + encode(USER_PASSWORD) + address)
                .orThrow();
        Connection shared = Redis.getConnection(manager, Duration.ofMillis(3000)).orThrow()) {
      assertThat(Redis.getCachedValue(shared, "canary:k"))
          .isInstanceOf(GetCachedValue.Success.class);
    }
    Manager wrong = Redis.createManager("redis://:" + encode(WRONG_PASSWORD) + address).orThrow();
    assertThat(Redis.getConnection(wrong, Duration.ofMillis(3000)))
        .isInstanceOf(GetConnection.Failed.class);
    assertThat(Redis.destroyManager(wrong)).isInstanceOf(DestroyManager.Success.class);

    String log = capture.text();
    assertThat(log)
        .as("the capture saw Lettuce's DEBUG and TRACE lines")
        .contains("FINE io.lettuce.core.RedisClient Trying to get a Redis connection for: redis://")
        .contains("FINEST io.lettuce.core.protocol.CommandHandler");
    for (String secret : List.of(PASSWORD, USER_PASSWORD, WRONG_PASSWORD)) {
      assertThat(log)
          .doesNotContain(secret)
          .doesNotContain(encode(secret))
          .doesNotContain(URLEncoder.encode(secret, StandardCharsets.UTF_8))
          .doesNotContain(base64(USER + ":" + secret))
          .doesNotContain(base64("default:" + secret))
          .doesNotContainPattern(Pattern.compile("(?<!\\*)\\*{" + secret.length() + "}(?!\\*)"));
    }
    // Lettuce 7 prints the user info of the URIs it logs, masked by us; Lettuce 6 (under Spring
    // Boot's versions) leaves it out. Either way, any user info in a logged URI is the fixed mask.
    Matcher userInfo = Pattern.compile("rediss?://([^@/\\s]*)@127\\.0\\.0\\.1").matcher(log);
    while (userInfo.find()) {
      assertThat(userInfo.group(1))
          .as("the user info of a URI Lettuce logs")
          .isIn("****", USER + ":****");
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Keeps every record: logger, level, formatted message and the stack trace of its cause. */
  static final class Capture extends Handler {
    private final StringBuffer text = new StringBuffer();

    Capture() {
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      text.append(record.getInstant())
          .append(' ')
          .append(record.getLevel())
          .append(' ')
          .append(record.getLoggerName())
          .append(' ')
          .append(record.getMessage())
          .append('\n');
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        text.append(trace);
      }
    }

    String text() {
      return text.toString();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
