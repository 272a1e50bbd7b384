package dev.mpredis.testkit;

import java.lang.reflect.Method;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A JUnit 5 extension that starts one deployment of real {@code redis-server} processes for a test
 * class: one server (on TCP, a unix socket or TLS), a Sentinel group or a Cluster, the {@link
 * RedisKind} being a parameter. Register it on a static field; it starts before the class's first
 * test and is closed after its last, through the class's {@link ExtensionContext.Store} even if
 * tests or other callbacks fail. It prints how long the start took; when a test fails it prints the
 * start time and the log tail of every process.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisExtension redis =
 *     RedisExtension.server(b -> b.password("s3cret"))
 *         .withClient(Manager.class, e -> Redis.createManager(e.uriWithCredentials()).orThrow())
 *         .withClient(Connection.class, Manager.class, m -> Redis.getConnection(m).orThrow());
 *
 * @Test
 * void works(Connection connection, RedisServer server) throws Exception {
 *   assertThat(server.command("PING")).isEqualTo("PONG");
 * }
 * }</pre>
 *
 * <p><b>Clients.</b> {@link #withClient} registers something to create once the deployment runs (a
 * manager, a connection, a raw client), closed after the class before the processes stop, in the
 * reverse order of creation. The kit knows no client library: the factory does. A factory that
 * throws does not fail the class: the failure is printed, and every test that asks for that client
 * (or one made from it) fails with it as the cause, while tests that do not need it still run.
 *
 * <p><b>Parameters.</b> Test methods and constructors may take the topology (its exact type, or
 * {@link RedisTopology}), its {@link RedisEndpoints}, its connection string as a {@code String}
 * annotated {@link RedisUri}, and each client by its registered type. A class that registers
 * several extensions gets those from the fields instead: JUnit refuses a parameter that two
 * resolvers offer.
 *
 * <p><b>Failure output.</b> When a test fails, an extension prints its logs if the test used it
 * (called one of its accessors after its {@code @BeforeEach} methods), or if the test used none of
 * the class's extensions, so a class of several deployments shows the relevant logs only.
 *
 * <p>Immutable configuration ({@code with...} methods return a new extension); the running state is
 * safe to read from several threads. A {@code @Nested} class shares the deployment of its enclosing
 * class.
 */
public final class RedisExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        BeforeTestExecutionCallback,
        ParameterResolver,
        TestWatcher {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RedisExtension.class);
  private static final String REGISTERED = "registered extensions";

  private final RedisKind kind;
  private final Class<? extends RedisTopology> topologyType;
  private final Supplier<? extends RedisTopology> starter;
  private final List<RunningDeployment.ClientSpec> clients;
  private volatile RunningDeployment running;
  private volatile boolean used;

  private RedisExtension(
      RedisKind kind,
      Class<? extends RedisTopology> topologyType,
      Supplier<? extends RedisTopology> starter,
      List<RunningDeployment.ClientSpec> clients) {
    this.kind = kind;
    this.topologyType = topologyType;
    this.starter = starter;
    this.clients = List.copyOf(clients);
  }

  /**
   * A deployment of {@code kind} with the kit's defaults: a plain server (no password), one on a
   * unix socket only, one with TLS only (no client certificate asked for), a Sentinel group of
   * {@link SentinelTopology.Builder} defaults, or a Cluster of {@link ClusterTopology.Builder}
   * defaults.
   */
  public static RedisExtension of(RedisKind kind) {
    return switch (Objects.requireNonNull(kind, "kind")) {
      case STANDALONE -> server(b -> {});
      case SOCKET -> server(RedisServerConfig.Builder::unixSocket);
      case TLS -> server(b -> b.tls(false));
      case SENTINEL -> sentinel(b -> {});
      case CLUSTER -> cluster(b -> {});
    };
  }

  /**
   * One server configured by {@code options} (password, ACL users, TLS, unix socket, directives):
   * of kind {@link RedisKind#TLS} if the options ask for TLS, {@link RedisKind#SOCKET} for a unix
   * socket only, {@link RedisKind#STANDALONE} otherwise.
   *
   * @throws IllegalStateException if the options do not build ({@link
   *     RedisServerConfig.Builder#build()})
   */
  public static RedisExtension server(Consumer<RedisServerConfig.Builder> options) {
    RedisServerConfig.Builder builder = RedisServerConfig.builder();
    options.accept(builder);
    RedisServerConfig config = builder.build();
    RedisKind kind =
        config.tls()
            ? RedisKind.TLS
            : config.unixSocket() ? RedisKind.SOCKET : RedisKind.STANDALONE;
    return new RedisExtension(kind, RedisServer.class, () -> RedisServer.start(config), List.of());
  }

  /** A Sentinel group configured by {@code options}. */
  public static RedisExtension sentinel(Consumer<SentinelTopology.Builder> options) {
    SentinelTopology.Builder builder = SentinelTopology.builder();
    options.accept(builder);
    return new RedisExtension(
        RedisKind.SENTINEL, SentinelTopology.class, builder::start, List.of());
  }

  /**
   * A Redis Cluster configured by {@code options}; {@code b -> b.replicasPerMaster(0)} starts three
   * processes instead of six, when a test needs no failover.
   */
  public static RedisExtension cluster(Consumer<ClusterTopology.Builder> options) {
    ClusterTopology.Builder builder = ClusterTopology.builder();
    options.accept(builder);
    return new RedisExtension(RedisKind.CLUSTER, ClusterTopology.class, builder::start, List.of());
  }

  /**
   * This extension, with a client made from the endpoints after the start ({@code e ->
   * Redis.createManager(e.uri()).orThrow()}), injected as {@code type} and closed after the class.
   *
   * @throws IllegalArgumentException if a client of {@code type} is already registered
   */
  public <C extends AutoCloseable> RedisExtension withClient(
      Class<C> type, Function<? super RedisEndpoints, ? extends C> factory) {
    return with(
        new RunningDeployment.ClientSpec(
            type, null, input -> factory.apply((RedisEndpoints) input)));
  }

  /**
   * This extension, with a client made from another client registered before ({@code
   * withClient(Connection.class, Manager.class, m -> Redis.getConnection(m).orThrow())}), injected
   * as {@code type} and closed after the class, before the one it was made from.
   *
   * @throws IllegalArgumentException if a client of {@code type} is already registered, or none of
   *     type {@code from} is
   */
  public <F, C extends AutoCloseable> RedisExtension withClient(
      Class<C> type, Class<F> from, Function<? super F, ? extends C> factory) {
    Objects.requireNonNull(from, "from");
    if (clients.stream().noneMatch(c -> c.type() == from)) {
      throw new IllegalArgumentException(
          "client type "
              + type.getName()
              + " is made from "
              + from.getName()
              + ", which is not registered: call withClient for it first");
    }
    return with(
        new RunningDeployment.ClientSpec(type, from, input -> factory.apply(from.cast(input))));
  }

  private RedisExtension with(RunningDeployment.ClientSpec client) {
    Objects.requireNonNull(client.type(), "type");
    if (clients.stream().anyMatch(c -> c.type() == client.type())) {
      throw new IllegalArgumentException(
          "client type " + client.type().getName() + " was registered already");
    }
    List<RunningDeployment.ClientSpec> more = new ArrayList<>(clients);
    more.add(client);
    return new RedisExtension(kind, topologyType, starter, more);
  }

  /** The kind of deployment this extension starts. */
  public RedisKind kind() {
    return kind;
  }

  /**
   * The running deployment.
   *
   * @throws IllegalStateException outside the test class's lifetime
   */
  public RedisTopology topology() {
    return running().topology();
  }

  /**
   * The running server, for {@link RedisKind#STANDALONE}, {@link RedisKind#SOCKET} and {@link
   * RedisKind#TLS}.
   *
   * @throws IllegalStateException for another kind, or outside the test class's lifetime
   */
  public RedisServer server() {
    return topology(RedisServer.class);
  }

  /**
   * The running Sentinel group.
   *
   * @throws IllegalStateException for another kind, or outside the test class's lifetime
   */
  public SentinelTopology sentinel() {
    return topology(SentinelTopology.class);
  }

  /**
   * The running Cluster.
   *
   * @throws IllegalStateException for another kind, or outside the test class's lifetime
   */
  public ClusterTopology cluster() {
    return topology(ClusterTopology.class);
  }

  private <T extends RedisTopology> T topology(Class<T> type) {
    if (type != topologyType) {
      throw new IllegalStateException(
          "this extension runs a " + kind + " deployment, not a " + type.getSimpleName());
    }
    return type.cast(topology());
  }

  /**
   * How to reach the running deployment.
   *
   * @throws IllegalStateException outside the test class's lifetime
   */
  public RedisEndpoints endpoints() {
    return topology().endpoints();
  }

  /**
   * The running deployment's connection string, without the data nodes' password ({@link
   * RedisEndpoints#uri()}).
   *
   * @throws IllegalStateException outside the test class's lifetime
   */
  public String uri() {
    return endpoints().uri();
  }

  /**
   * The client registered as {@code type}.
   *
   * @throws IllegalArgumentException if no client of {@code type} is registered
   * @throws IllegalStateException if its factory (or that of the client it is made from) threw,
   *     with that as the cause, or outside the test class's lifetime
   */
  public <C> C client(Class<C> type) {
    return type.cast(running().client(type));
  }

  private RunningDeployment running() {
    used = true;
    RunningDeployment current = running;
    if (current == null) {
      throw new IllegalStateException(
          "the "
              + kind
              + " deployment is not started: register the extension on a static field with"
              + " @RegisterExtension, and use it within the test class");
    }
    return current;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    registered(context).add(this);
    if (running != null) {
      return; // started for an enclosing class: a @Nested class shares it
    }
    String owner = context.getUniqueId();
    RunningDeployment started =
        RunningDeployment.start(kind, owner, starter, clients, context.getDisplayName());
    running = started;
    // The store closes what it holds when the class's context closes, even if afterAll is skipped.
    context.getStore(NAMESPACE).put(this, started);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    RunningDeployment current = running;
    if (current == null || !current.owner().equals(context.getUniqueId())) {
      return;
    }
    running = null;
    context.getStore(NAMESPACE).remove(this);
    current.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    used = false;
  }

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    used = false; // what the @BeforeEach methods touched does not count
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    RunningDeployment current = running;
    if (current == null) {
      return;
    }
    boolean anyUsed = registered(context).stream().anyMatch(e -> e.used);
    if (used || !anyUsed) {
      String test =
          context.getRequiredTestClass().getSimpleName()
              + context.getTestMethod().map(Method::getName).map(m -> "." + m).orElse("")
              + " "
              + context.getDisplayName();
      System.err.println("Test " + test + " failed; " + current.report());
    }
  }

  @SuppressWarnings("unchecked") // the store holds only this list under this key
  private static List<RedisExtension> registered(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            REGISTERED, k -> new CopyOnWriteArrayList<RedisExtension>(), List.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == String.class) {
      return parameter.isAnnotated(RedisUri.class);
    }
    return type == RedisEndpoints.class
        || type == RedisTopology.class
        || type == topologyType
        || clients.stream().anyMatch(c -> c.type() == type);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == String.class) {
      return uri();
    }
    if (type == RedisEndpoints.class) {
      return endpoints();
    }
    if (type == RedisTopology.class || type == topologyType) {
      return topology();
    }
    return client(type);
  }

  @Override
  public String toString() {
    RunningDeployment current = running;
    return "RedisExtension["
        + kind
        + (current == null ? ", not running" : ", " + current.topology().endpoints())
        + "]";
  }

  /** Timestamps for the start line, to the millisecond. */
  static String now() {
    return LocalTime.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
