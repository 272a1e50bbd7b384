/**
 * Spring Boot auto-configuration for mp-redis: a {@code Manager} bean, a Spring Cache {@code
 * CacheManager} on the cache machines, a health indicator and Micrometer meters.
 *
 * <p>Open, as Spring reads configuration classes reflectively. Actuator and Micrometer are optional
 * ({@code requires static}): each part is configured only when its classes are present.
 */
@SuppressWarnings("requires-automatic") // Spring's and Micrometer's jars: stable manifest names
open module dev.mpredis.spring {
  requires transitive dev.mpredis.redis;
  requires transitive spring.context;
  requires spring.core;
  requires spring.beans;
  requires spring.aop;
  requires spring.boot;
  requires spring.boot.autoconfigure;
  requires org.slf4j;
  requires static spring.boot.actuator;
  requires static micrometer.core;

  exports dev.mpredis.spring;
}
