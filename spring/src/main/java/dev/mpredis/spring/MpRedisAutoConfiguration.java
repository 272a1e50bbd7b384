package dev.mpredis.spring;

import dev.mpredis.redis.ConnectionString;
import dev.mpredis.redis.FailureReport;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The mp-redis {@link Manager} bean, unless the application defines one: from {@code mp-redis.url},
 * or else from Spring Boot's {@code spring.data.redis.*} properties ({@link
 * SpringDataRedisConnection} says which). The manager connects on the first {@code get-connection},
 * not at start-up, and is destroyed with the context. Unexpected failures of its connections
 * ({@code onUnexpectedFailure}) are logged at WARN by the logger {@code dev.mpredis.spring}.
 */
@AutoConfiguration
@ConditionalOnClass(Manager.class)
@EnableConfigurationProperties(MpRedisProperties.class)
public class MpRedisAutoConfiguration {

  /** Used by Spring Boot. */
  public MpRedisAutoConfiguration() {}

  private static final Logger LOG = LoggerFactory.getLogger("dev.mpredis.spring");

  /**
   * The manager.
   *
   * @throws IllegalArgumentException if the connection string or the {@code spring.data.redis.*}
   *     properties are not valid, naming the part and the rule (never a password)
   * @throws IllegalStateException if the manager cannot be created (unreadable TLS material, no
   *     native transport for a unix socket, ...)
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Manager mpRedisManager(MpRedisProperties properties, Environment environment) {
    String url = connectionString(properties, environment);
    return Redis.createManager(url, MpRedisAutoConfiguration::logUnexpectedFailure)
        .match(
            success -> success.manager(),
            malformed -> {
              throw new IllegalArgumentException(
                  "mp-redis.url: " + malformed.error().message(),
                  malformed.error().cause().orElse(null));
            },
            failed -> {
              throw new IllegalStateException(
                  failed.error().message(), failed.error().cause().orElse(null));
            },
            error -> {
              throw error.error().toException("error");
            });
  }

  /** {@code mp-redis.url}, or the string {@code spring.data.redis.*} describes. */
  static String connectionString(MpRedisProperties properties, Environment environment) {
    if (properties.getUrl() != null && !properties.getUrl().isBlank()) {
      return properties.getUrl();
    }
    ConnectionString fromSpring = SpringDataRedisConnection.from(Binder.get(environment));
    return fromSpring.format();
  }

  private static void logUnexpectedFailure(FailureReport report) {
    LOG.warn("mp-redis: {}", report);
  }
}
