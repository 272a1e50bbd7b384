package dev.mpredis.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter of a test method or constructor that {@link RedisExtension}
 * fills with the deployment's connection string ({@link RedisEndpoints#uri()}, no data password):
 *
 * <pre>{@code
 * @Test
 * void connects(@RedisUri String uri) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface RedisUri {}
