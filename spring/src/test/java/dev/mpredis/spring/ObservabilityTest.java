package dev.mpredis.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The health indicator and the Micrometer meters on a real server, in an application with Actuator
 * and Spring Boot's metrics support (which binds {@link MpRedisMetrics} to its registry).
 */
@Tag("server")
@SpringBootTest(classes = ObservabilityTest.App.class)
@DirtiesContext
class ObservabilityTest {

  @RegisterExtension static final RedisExtension redis = RedisExtension.of(RedisKind.STANDALONE);

  @DynamicPropertySource
  static void redisProperties(DynamicPropertyRegistry registry) {
    registry.add("mp-redis.url", () -> redis.server().uri());
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {}

  @Autowired ApplicationContext context;
  @Autowired Manager manager;
  @Autowired MeterRegistry registry;

  @Test
  void healthIndicator_up_withVersionModeAndRole() throws Exception {
    Map<String, Object> health = Actuator.health(context.getBean("mpRedisHealthIndicator"));
    assertThat(health)
        .containsEntry("status", "UP")
        .containsEntry("version", redis.server().binary().version())
        .containsEntry("mode", "standalone")
        .containsEntry("role", "master");
  }

  @Test
  void health_down_withTheClassifiedCode_whenNothingListens() {
    try (Manager nowhere = Redis.createManager("redis://127.0.0.1:1").orThrow()) {
      MpRedisHealth.Report report = new MpRedisHealth(nowhere, Duration.ofSeconds(2)).check();
      assertThat(report.up()).isFalse();
      assertThat(report.details())
          .containsEntry("code", "CONNECTION_REFUSED")
          .containsEntry("exit", "failed");
    }
  }

  @Test
  void metrics_timePerMachineExitAndCode_andGaugeLeases() {
    Connection shared = Redis.getConnection(manager).orThrow();
    Connection dedicated = Redis.getDedicatedConnection(manager, Duration.ofSeconds(5)).orThrow();
    try {
      Redis.cacheValue(shared, "metered", "v").orThrow();
      Redis.getCachedValue(shared, "metered");
      Redis.getCachedValue(shared, "absent");
      Redis.sendCommand(shared, "NO-SUCH-COMMAND");

      assertThat(timer("cache-value", "success", "none").count()).isEqualTo(1);
      assertThat(timer("get-cached-value", "success", "none").count()).isEqualTo(1);
      assertThat(timer("get-cached-value", "notFound", "none").count()).isEqualTo(1);
      assertThat(
              registry.find(MpRedisMetrics.MACHINE_TIMER).tag("machine", "send-command").timers())
          .singleElement()
          .satisfies(t -> assertThat(t.getId().getTag("code")).isNotEqualTo("none"));
      assertThat(registry.get(MpRedisMetrics.LIVE_LEASES).gauge().value())
          .isGreaterThanOrEqualTo(2);
      assertThat(registry.get(MpRedisMetrics.DEDICATED_CONNECTIONS).gauge().value()).isEqualTo(1);
      assertThat(registry.find(MpRedisMetrics.MACHINE_TIMER).meters())
          .allSatisfy(
              meter ->
                  assertThat(meter.getId().getTags())
                      .extracting(tag -> tag.getKey())
                      .containsExactlyInAnyOrder("machine", "exit", "code"));
    } finally {
      Redis.releaseConnection(dedicated);
      Redis.releaseConnection(shared);
    }
    assertThat(registry.get(MpRedisMetrics.DEDICATED_CONNECTIONS).gauge().value()).isZero();
  }

  private Timer timer(String machine, String exit, String code) {
    return registry
        .get(MpRedisMetrics.MACHINE_TIMER)
        .tag("machine", machine)
        .tag("exit", exit)
        .tag("code", code)
        .timer();
  }
}
