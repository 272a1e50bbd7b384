package dev.mpredis.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a test method once per deployment of its class (each static {@code RedisExtension} field,
 * made with {@link Deployment#withPack}) and per {@link Face}: the method takes a {@link
 * Deployment} and a {@link Face}. Each run starts on an empty deployment (every master flushed). A
 * run that has not ended after a minute fails, in a thread of its own so that even a call that
 * blocks uninterruptibly (a client's close waiting for ever) cannot stop the suite.
 *
 * <pre>{@code
 * @AcrossDeployments
 * void getCachedValue_notFound_whenMissing(Deployment on, Face face) {
 *   assertThat(face.getCachedValue(on.connection(), "missing").exit()).isEqualTo("notFound");
 * }
 * }</pre>
 *
 * @see DeploymentMatrix
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ParameterizedTest
@ArgumentsSource(DeploymentMatrix.class)
@ExtendWith(DeploymentMatrix.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@interface AcrossDeployments {

  /** The faces to run through; all by default. */
  Face[] faces() default {Face.TYPED, Face.ASYNC, Face.DYNAMIC};
}
