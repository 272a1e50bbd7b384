package dev.mpredis.spring;

import dev.mpredis.redis.Manager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The health indicator {@code mpRedis}, when Spring Boot Actuator is on the class path and a {@link
 * Manager} bean exists; {@code management.health.mpredis.enabled=false} turns it off.
 */
@AutoConfiguration(after = MpRedisAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
@ConditionalOnBean(Manager.class)
@ConditionalOnProperty(
    prefix = "management.health.mpredis",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class MpRedisHealthAutoConfiguration {

  /** Used by Spring Boot. */
  public MpRedisHealthAutoConfiguration() {}

  /** The indicator. */
  @Bean
  @ConditionalOnMissingBean(name = "mpRedisHealthIndicator")
  public MpRedisHealthIndicator mpRedisHealthIndicator(
      Manager manager, MpRedisProperties properties) {
    return new MpRedisHealthIndicator(
        new MpRedisHealth(manager, properties.getHealth().getTimeout()));
  }
}
