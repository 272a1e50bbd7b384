package dev.mpredis.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a {@link RedisExtension} started for one class: the topology, when and how fast it started,
 * the clients made for it (or why one could not be made). {@link #close()} closes the clients in
 * the reverse order of creation, then the topology; JUnit's store calls it if the extension's
 * {@code afterAll} does not. Thread-safe.
 */
final class RunningDeployment implements AutoCloseable {

  /**
   * A client to make after the start.
   *
   * @param type the type it is injected as
   * @param from the type of the client it is made from, or null: made from the endpoints
   * @param factory makes it from the endpoints or that client
   */
  record ClientSpec(
      Class<?> type, Class<?> from, Function<Object, ? extends AutoCloseable> factory) {}

  private final RedisKind kind;
  private final String owner;
  private final RedisTopology topology;
  private final String startedAt;
  private final long startMillis;
  private final Map<Class<?>, AutoCloseable> clients =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile IllegalStateException clientFailure;
  private volatile Class<?> failedClient;
  private boolean closed;

  private RunningDeployment(
      RedisKind kind, String owner, RedisTopology topology, String startedAt, long startMillis) {
    this.kind = kind;
    this.owner = owner;
    this.topology = topology;
    this.startedAt = startedAt;
    this.startMillis = startMillis;
  }

  /**
   * Starts the topology, prints the start line, and makes the clients in order; a client whose
   * factory throws is remembered, not thrown (see {@link #client}).
   *
   * @throws IllegalStateException if the topology does not start (the message has the logs)
   */
  static RunningDeployment start(
      RedisKind kind,
      String owner,
      Supplier<? extends RedisTopology> starter,
      List<ClientSpec> clients,
      String testClass) {
    String startedAt = RedisExtension.now();
    long begin = System.nanoTime();
    RedisTopology topology = starter.get();
    long millis = (System.nanoTime() - begin) / 1_000_000;
    RunningDeployment running = new RunningDeployment(kind, owner, topology, startedAt, millis);
    System.err.printf(
        "mp-redis testkit: %s started at %s in %d ms for %s (%s)%n",
        kind, startedAt, millis, testClass, topology.endpoints());
    running.makeClients(clients);
    return running;
  }

  private void makeClients(List<ClientSpec> specs) {
    for (ClientSpec spec : specs) {
      try {
        Object input = spec.from() == null ? topology.endpoints() : clients.get(spec.from());
        AutoCloseable client =
            Objects.requireNonNull(spec.factory().apply(input), "the client factory gave null");
        clients.put(spec.type(), client);
      } catch (RuntimeException | AssertionError e) {
        failedClient = spec.type();
        clientFailure =
            new IllegalStateException(
                "the "
                    + spec.type().getSimpleName()
                    + " client of the "
                    + kind
                    + " deployment could not be made: "
                    + e,
                e);
        System.err.println("mp-redis testkit: " + clientFailure.getMessage());
        return; // later clients may be made from this one
      }
    }
  }

  String owner() {
    return owner;
  }

  RedisTopology topology() {
    return topology;
  }

  /**
   * The client of {@code type}.
   *
   * @throws IllegalStateException if it, or a client before it, could not be made
   * @throws IllegalArgumentException if no client of {@code type} is registered
   */
  Object client(Class<?> type) {
    AutoCloseable client = clients.get(type);
    if (client != null) {
      return client;
    }
    IllegalStateException failure = clientFailure;
    if (failure != null) {
      // A fresh exception, so the stack shows the test that asked; the factory's is the cause.
      throw new IllegalStateException(
          failure.getMessage()
              + (type == failedClient
                  ? ""
                  : " (and " + type.getSimpleName() + " is made after it)"),
          failure.getCause());
    }
    throw new IllegalArgumentException(
        "no client of type " + type.getName() + " is registered: use withClient");
  }

  /** The start time and duration, every process's log tail, and a client failure if any. */
  String report() {
    IllegalStateException failure = clientFailure;
    return kind
        + " started at "
        + startedAt
        + " in "
        + startMillis
        + " ms ("
        + topology.endpoints()
        + ")"
        + (failure == null ? "" : "\n" + failure.getMessage())
        + topology.logTails();
  }

  /**
   * Closes the clients (last made first), then the topology; every one is closed even if another
   * throws, and the first failure is thrown afterwards with the others suppressed.
   */
  @Override
  public void close() {
    List<AutoCloseable> made;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      made = new ArrayList<>(clients.values());
      clients.clear();
    }
    Collections.reverse(made);
    RuntimeException failure = null;
    for (AutoCloseable client : made) {
      try {
        client.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("a client of the " + kind + " deployment", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    topology.close();
    if (failure != null) {
      throw failure;
    }
  }
}
