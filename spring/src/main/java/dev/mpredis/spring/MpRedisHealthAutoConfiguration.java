package dev.mpredis.spring;

import dev.mpredis.redis.Manager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicator {@code mpRedis}, when Spring Boot's health API is on the class path (Boot
 * 3's Actuator, or Boot 4's {@code spring-boot-health}) and a {@link Manager} bean exists; {@code
 * management.health.mpredis.enabled=false} turns it off.
 */
@AutoConfiguration(after = MpRedisAutoConfiguration.class)
@ConditionalOnBean(Manager.class)
@ConditionalOnProperty(
    prefix = "management.health.mpredis",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class MpRedisHealthAutoConfiguration {

  /** Used by Spring Boot. */
  public MpRedisHealthAutoConfiguration() {}

  static MpRedisHealth health(Manager manager, MpRedisProperties properties) {
    return new MpRedisHealth(manager, properties.getHealth().getTimeout());
  }

  /** Spring Boot 3: {@code org.springframework.boot.actuate.health}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
  static class Boot3 {
    @Bean
    @ConditionalOnMissingBean(name = "mpRedisHealthIndicator")
    MpRedisHealthIndicator mpRedisHealthIndicator(Manager manager, MpRedisProperties properties) {
      return new MpRedisHealthIndicator(health(manager, properties));
    }
  }

  /** Spring Boot 4: {@code org.springframework.boot.health.contributor}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
  static class Boot4 {
    @Bean
    @ConditionalOnMissingBean(name = "mpRedisHealthIndicator")
    MpRedisBoot4HealthIndicator mpRedisHealthIndicator(
        Manager manager, MpRedisProperties properties) {
      return new MpRedisBoot4HealthIndicator(health(manager, properties));
    }
  }
}
