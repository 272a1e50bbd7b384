package dev.mpredis.testkit;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A JUnit 5 extension that starts one heavy topology (Sentinel or Cluster) for a test class and
 * closes it after the class, even when tests fail. It prints how long the start took; when a test
 * fails it prints the log tail of every process. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisTopologyExtension<ClusterTopology> cluster =
 *     RedisTopologyExtension.cluster(b -> b.password("s3cret"));
 *
 * @Test
 * void works() {
 *   String seed = cluster.topology().endpoints().uri();
 * }
 * }</pre>
 *
 * <p>Test methods may also take the topology as a parameter (its exact type). Thread-safe.
 *
 * @param <T> the kind of topology
 */
public final class RedisTopologyExtension<T extends RedisTopology>
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver, TestWatcher {

  private final String name;
  private final Class<T> type;
  private final Supplier<T> starter;
  private volatile T topology;

  private RedisTopologyExtension(String name, Class<T> type, Supplier<T> starter) {
    this.name = name;
    this.type = type;
    this.starter = starter;
  }

  /** A Sentinel group configured by {@code options}. */
  public static RedisTopologyExtension<SentinelTopology> sentinel(
      Consumer<SentinelTopology.Builder> options) {
    SentinelTopology.Builder builder = SentinelTopology.builder();
    options.accept(builder);
    return new RedisTopologyExtension<>("sentinel", SentinelTopology.class, builder::start);
  }

  /** A Redis Cluster configured by {@code options}. */
  public static RedisTopologyExtension<ClusterTopology> cluster(
      Consumer<ClusterTopology.Builder> options) {
    ClusterTopology.Builder builder = ClusterTopology.builder();
    options.accept(builder);
    return new RedisTopologyExtension<>("cluster", ClusterTopology.class, builder::start);
  }

  /**
   * The running topology.
   *
   * @throws IllegalStateException outside the test class's lifetime
   */
  public T topology() {
    T current = topology;
    if (current == null) {
      throw new IllegalStateException(
          "the " + name + " topology is not started: register the extension on a static field");
    }
    return current;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    long started = System.nanoTime();
    T current = starter.get();
    topology = current;
    System.err.printf(
        "mp-redis testkit: %s topology started in %d ms (%s)%n",
        name, (System.nanoTime() - started) / 1_000_000, current.endpoints());
    // The store closes what it holds when the class's context closes, even if afterAll is skipped.
    context
        .getStore(ExtensionContext.Namespace.create(RedisTopologyExtension.class, this))
        .put("topology", current);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    T current = topology;
    topology = null;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    T current = topology;
    if (current != null) {
      System.err.println("Test " + context.getDisplayName() + " failed;" + current.logTails());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == type;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return topology();
  }
}
