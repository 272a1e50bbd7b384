package dev.mpredis.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.machine.Exit;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.Outcome;
import dev.mpredis.testkit.RedisExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One unique password driven through failure paths: it must appear nowhere we print, in no form
 * (raw, percent-encoded, Base64 of user:pass, a run of stars of its length).
 */
@Tag("server")
class SecretCanaryTest {

  static final String CANARY = "Canary-7f3e:pw";

  @RegisterExtension
  static final RedisExtension redis = RedisExtension.server(b -> b.password("the-real-one"));

  @Test
  void canaryPassword_appearsInNoMessageToStringOrCause() {
    List<Object> printed = new ArrayList<>();
    String encoded = URLEncoder.encode(CANARY, StandardCharsets.UTF_8);
    int port = redis.server().port();

    // Wrong password through get-connection.
    try (Manager manager =
        Redis.createManager("redis://:" + encoded + "@127.0.0.1:" + port).orThrow()) {
      printed.add(manager);
      GetConnection.Result failed = Redis.getConnection(manager, Duration.ofMillis(3000));
      printed.add(failed);
      printed.add(((Exit.Failed) failed).error());
      printed.addAll(manager.liveLeases());
    }
    // Malformed strings that carry it.
    for (String url :
        List.of(
            "redis://user:" + encoded + "@host:notaport",
            "redis://user:" + CANARY + "@ho st",
            "redis://user:" + encoded + "@host?unknown=1",
            "bogus://user:" + encoded + "@host")) {
      CreateManager.Result malformed = Redis.createManager(url);
      assertThat(malformed).isInstanceOf(CreateManager.Malformed.class);
      printed.add(malformed);
      printed.add(((Exit.Failed) malformed).error());
    }
    // Wrong password through authenticate, and the inputs records that hold it.
    try (Manager manager =
            Redis.createManager("redis://:the-real-one@127.0.0.1:" + port).orThrow();
        Connection dedicated =
            Redis.getDedicatedConnection(manager, Duration.ofMillis(3000)).orThrow()) {
      Authenticate.Result auth = Redis.authenticate(dedicated, "someone", CANARY);
      printed.add(auth);
      printed.add(new Authenticate.Inputs(dedicated, CANARY, "someone", null));
      printed.add(new CreateManager.Inputs("redis://:" + encoded + "@h", null, null));
      printed.add(new CreateConnectionUrl.Inputs("h", 1, CANARY, 0, "u", false));
      printed.add(Redis.createConnectionUrl("h", 1, CANARY, 0));
      printed.add(Redis.PACK.machine("create-connection-url").run(Map.of("pass", CANARY)));
      Outcome dynamic =
          Redis.PACK
              .machine("authenticate")
              .run(Map.of("connection", dedicated, "password", CANARY, "username", 7));
      printed.add(dynamic);
      printed.add(dynamic.error().orElseThrow());
    }

    for (Object object : printed) {
      String text = describe(object);
      assertThat(text)
          .as("printed form of %s", object.getClass().getSimpleName())
          .doesNotContain(CANARY)
          .doesNotContain(encoded)
          .doesNotContain("Canary")
          .doesNotContain(Base64.getEncoder().encodeToString(("someone:" + CANARY).getBytes()))
          .doesNotContain("*".repeat(CANARY.length()));
    }
  }

  /** toString, plus the message and stack trace of every cause when it is an error report. */
  private static String describe(Object object) {
    StringBuilder text = new StringBuilder(String.valueOf(object));
    if (object instanceof MachineError error) {
      text.append(error.message());
      error
          .cause()
          .ifPresent(
              cause -> {
                StringWriter trace = new StringWriter();
                cause.printStackTrace(new PrintWriter(trace));
                text.append(trace);
              });
    }
    return text.toString();
  }
}
