package dev.mpredis.testkit;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A JUnit 5 extension that starts one real {@code redis-server} for a test class and stops it after
 * the class, even when tests fail. When a test fails, the tail of the server's log is printed.
 * Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension redis = RedisServerExtension.create(b -> b.password("s3cret"));
 *
 * @Test
 * void works() throws Exception {
 *   assertThat(redis.server().command("PING")).isEqualTo("PONG");
 * }
 * }</pre>
 *
 * <p>Test methods and constructors may also take a {@link RedisServer} parameter. Thread-safe for
 * concurrent tests of one class.
 */
public final class RedisServerExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver, TestWatcher {

  private final RedisServerConfig config;
  private volatile RedisServer server;

  private RedisServerExtension(RedisServerConfig config) {
    this.config = config;
  }

  /** A plain server: no password, no persistence. */
  public static RedisServerExtension plain() {
    return create(b -> {});
  }

  /** A server configured by {@code options}. */
  public static RedisServerExtension create(Consumer<RedisServerConfig.Builder> options) {
    RedisServerConfig.Builder builder = RedisServerConfig.builder();
    options.accept(builder);
    return new RedisServerExtension(builder.build());
  }

  /**
   * The running server.
   *
   * @throws IllegalStateException outside the test class's lifetime
   */
  public RedisServer server() {
    RedisServer current = server;
    if (current == null) {
      throw new IllegalStateException(
          "the server is not started: register the extension on a static field");
    }
    return current;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    RedisServer started = RedisServer.start(config);
    server = started;
    // The store closes what it holds when the class's context closes, even if afterAll is skipped.
    context
        .getStore(ExtensionContext.Namespace.create(RedisServerExtension.class, this))
        .put("server", started);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    RedisServer current = server;
    server = null;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    RedisServer current = server;
    if (current != null) {
      System.err.println("Test " + context.getDisplayName() + " failed;" + current.logTail());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RedisServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server();
  }
}
