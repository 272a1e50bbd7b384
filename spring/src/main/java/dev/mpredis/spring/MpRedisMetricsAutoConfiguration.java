package dev.mpredis.spring;

import dev.mpredis.redis.Manager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link MpRedisMetrics} as a {@code MeterBinder} bean, when Micrometer is on the class path and a
 * {@link Manager} bean exists. Spring Boot's metrics support binds it to the application's
 * registry; without one it is never bound and the manager is not observed.
 */
@AutoConfiguration(after = MpRedisAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
@ConditionalOnBean(Manager.class)
public class MpRedisMetricsAutoConfiguration {

  /** Used by Spring Boot. */
  public MpRedisMetricsAutoConfiguration() {}

  /** The meters of the manager. */
  @Bean
  @ConditionalOnMissingBean
  public MpRedisMetrics mpRedisMetrics(Manager manager) {
    return new MpRedisMetrics(manager);
  }
}
