package dev.mpredis.spring;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Spring Boot 4's health indicator of a manager ({@code mpRedis} under {@code /actuator/health}):
 * {@link MpRedisHealth}'s check. Boot 4 moved the health API to its own package; {@link
 * MpRedisHealthIndicator} is the same for Boot 3. Thread-safe.
 */
public class MpRedisBoot4HealthIndicator extends AbstractHealthIndicator {

  private final MpRedisHealth health;

  /** Reports what {@code health} finds. */
  public MpRedisBoot4HealthIndicator(MpRedisHealth health) {
    super("mp-redis health check failed");
    this.health = health;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    MpRedisHealth.Report report = health.check();
    (report.up() ? builder.up() : builder.down()).withDetails(report.details());
  }
}
