/**
 * Spring Boot auto-configuration for mp-redis: a {@code Manager} bean, a Spring Cache {@code
 * CacheManager} on the cache machines, a health indicator and Micrometer meters.
 *
 * <p>Open, as Spring reads configuration classes reflectively. Actuator and Micrometer are optional
 * ({@code requires static}): each part is configured only when its classes are present.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // stable manifest names
open module dev.mpredis.spring {
  requires transitive dev.mpredis.redis;
  requires transitive spring.context;
  requires transitive spring.core;
  requires transitive spring.beans;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires spring.aop;
  requires org.slf4j;
  requires static transitive spring.boot.actuator;
  requires static transitive spring.boot.health;
  requires static transitive micrometer.core;

  exports dev.mpredis.spring;
}
