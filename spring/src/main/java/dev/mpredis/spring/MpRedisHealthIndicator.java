package dev.mpredis.spring;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Spring Boot 3's health indicator of a manager ({@code mpRedis} under {@code /actuator/health}):
 * {@link MpRedisHealth}'s check. Thread-safe.
 */
public class MpRedisHealthIndicator extends AbstractHealthIndicator {

  private final MpRedisHealth health;

  /** Reports what {@code health} finds. */
  public MpRedisHealthIndicator(MpRedisHealth health) {
    super("mp-redis health check failed");
    this.health = health;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    MpRedisHealth.Report report = health.check();
    (report.up() ? builder.up() : builder.down()).withDetails(report.details());
  }
}
