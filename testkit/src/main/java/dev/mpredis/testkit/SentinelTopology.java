package dev.mpredis.testkit;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Sentinel group of real processes: one master, one replica and three sentinels (quorum 2), each
 * in its own temporary directory on free ports of 127.0.0.1. Started in dependency order (master,
 * replica, sentinels, the sentinels told about each other and the replica up front so nothing waits
 * for discovery) and ready when every sentinel reports the master, the replica and the two other
 * sentinels healthy and the replica is in sync.
 *
 * <p>Fault controls: {@link #killMaster(Duration)} kills the master and waits until every sentinel
 * reports a new one; {@link #restart(RedisServer, Duration)} brings a killed data node back as a
 * replica of the current master. Timings are small ({@code down-after-milliseconds} {@value
 * #DEFAULT_DOWN_AFTER_MILLIS}, {@code failover-timeout} {@value #DEFAULT_FAILOVER_TIMEOUT_MILLIS})
 * so a failover takes a few seconds.
 *
 * <pre>{@code
 * try (SentinelTopology sentinel = SentinelTopology.builder().password("s3cret").start()) {
 *   String uri = sentinel.endpoints().uri(); // redis-sentinel://127.0.0.1:p1,...#mymaster
 *   sentinel.killMaster(Duration.ofSeconds(15));
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} kills every process and deletes every directory.
 */
public final class SentinelTopology implements RedisTopology {

  /** The master name the sentinels monitor unless told otherwise. */
  public static final String DEFAULT_MASTER_NAME = "mymaster";

  /**
   * Milliseconds without a reply before a sentinel deems an instance down. Sentinels ping every
   * {@code min(down-after, 1000)} ms, so at 1000 or less a freshly promoted master can be judged
   * down before its first ping is even answered, causing a second, spurious failover (seen here);
   * 2000 leaves two pings of slack.
   */
  public static final int DEFAULT_DOWN_AFTER_MILLIS = 2000;

  /** The sentinels' {@code failover-timeout}, in milliseconds. */
  public static final int DEFAULT_FAILOVER_TIMEOUT_MILLIS = 3000;

  /** How long the whole group may take to become ready, in seconds. */
  public static final int DEFAULT_START_TIMEOUT_SECONDS = 20;

  private static final int SENTINELS = 3;
  private static final int QUORUM = 2;

  private final Builder options;
  private final List<RedisServer> dataNodes;
  private final List<RedisServer> sentinels;
  private final SentinelHealth health;
  private boolean closed;

  private SentinelTopology(
      Builder options, List<RedisServer> dataNodes, List<RedisServer> sentinels) {
    this.options = options;
    this.dataNodes = List.copyOf(dataNodes);
    this.sentinels = List.copyOf(sentinels);
    this.health = new SentinelHealth(options.masterName, this.dataNodes, this.sentinels);
  }

  /** A builder with the defaults of the class documentation. */
  public static Builder builder() {
    return new Builder();
  }

  private static SentinelTopology start(Builder options) {
    List<RedisServer> started = new ArrayList<>();
    try {
      RedisServerConfig.Builder data =
          RedisServerConfig.builder()
              .binary(options.binary)
              .startTimeout(options.startTimeout)
              .directive("repl-diskless-sync-delay", "0");
      if (options.password != null) {
        data.password(options.password)
            .directive("masterauth", RedisServerConfig.quote(options.password));
      }
      RedisServer master = RedisServer.start(data.build());
      started.add(master);
      RedisServer replica = RedisServer.start(replicaOf(data.build(), master.port()));
      started.add(replica);

      int[] ports = FreePorts.distinct(SENTINELS);
      String[] ids = new String[SENTINELS];
      SecureRandom random = new SecureRandom();
      for (int i = 0; i < SENTINELS; i++) {
        byte[] id = new byte[20];
        random.nextBytes(id);
        ids[i] = HexFormat.of().formatHex(id);
      }
      List<RedisServer> sentinels = new ArrayList<>();
      for (int i = 0; i < SENTINELS; i++) {
        RedisServerConfig config =
            sentinelConfig(options, master.port(), replica.port(), ports, ids, i);
        int port = ports[i];
        RedisServer sentinel = RedisServer.start(config, () -> port);
        started.add(sentinel);
        sentinels.add(sentinel);
      }
      SentinelTopology topology =
          new SentinelTopology(options, List.of(master, replica), sentinels);
      topology.awaitHealthy(options.startTimeout);
      return topology;
    } catch (RuntimeException | AssertionError e) {
      String logs = tails(started);
      started.forEach(RedisServer::close);
      throw new IllegalStateException(
          "the sentinel topology did not start: " + e.getMessage() + logs, e);
    }
  }

  private static RedisServerConfig sentinelConfig(
      Builder options, int masterPort, int replicaPort, int[] ports, String[] ids, int self) {
    String name = options.masterName;
    RedisServerConfig.Builder config =
        RedisServerConfig.builder()
            .binary(options.binary)
            .startTimeout(options.startTimeout)
            .sentinel()
            .line("sentinel myid " + ids[self])
            .line("sentinel monitor " + name + " 127.0.0.1 " + masterPort + " " + QUORUM)
            .line("sentinel down-after-milliseconds " + name + " " + options.downAfter.toMillis())
            .line("sentinel failover-timeout " + name + " " + options.failoverTimeout.toMillis())
            .line("sentinel parallel-syncs " + name + " 1");
    if (options.password != null) {
      config.line("sentinel auth-pass " + name + " " + RedisServerConfig.quote(options.password));
    }
    if (options.sentinelPassword != null) {
      // Sentinels use their own requirepass to authenticate to each other, too.
      config.password(options.sentinelPassword);
    }
    config.line("sentinel known-replica " + name + " 127.0.0.1 " + replicaPort);
    for (int i = 0; i < ports.length; i++) {
      if (i != self) {
        config.line("sentinel known-sentinel " + name + " 127.0.0.1 " + ports[i] + " " + ids[i]);
      }
    }
    return config.build();
  }

  private static RedisServerConfig replicaOf(RedisServerConfig config, int masterPort) {
    return config.toBuilder().directive("replicaof", "127.0.0.1 " + masterPort).build();
  }

  /** The master name the sentinels monitor. */
  public String masterName() {
    return options.masterName;
  }

  /** The sentinels, in start order. */
  public List<RedisServer> sentinels() {
    return sentinels;
  }

  /** The data nodes (master and replica at start; roles change with failovers). */
  public List<RedisServer> dataNodes() {
    return dataNodes;
  }

  /**
   * The data node the first reachable sentinel reports as master.
   *
   * @throws IllegalStateException if no sentinel answers, or it names no node of this topology
   */
  public RedisServer master() {
    int port =
        health.masterPort(null).orElseThrow(() -> new IllegalStateException("no sentinel answers"));
    return dataNodes.stream()
        .filter(n -> n.port() == port)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("sentinels report unknown master :" + port));
  }

  @Override
  public RedisEndpoints endpoints() {
    return new RedisEndpoints(
        RedisKind.SENTINEL,
        sentinels.stream().map(s -> new RedisEndpoints.Address(s.host(), s.port())).toList(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(options.masterName),
        Optional.ofNullable(options.password),
        Optional.ofNullable(options.sentinelPassword));
  }

  /**
   * Waits until the group is healthy, kills the current master (SIGKILL) and waits until every
   * sentinel reports another data node as master and that node has taken the role.
   *
   * @return the killed node, to pass to {@link #restart(RedisServer, Duration)}
   * @throws AssertionError if the group is not healthy, or the failover does not complete, within
   *     {@code timeout} in all
   */
  public synchronized RedisServer killMaster(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    // After a failover the sentinels rediscover each other through hello messages (every 2 s);
    // until they have, they could not agree on the next one.
    awaitHealthy(timeout);
    RedisServer old = master();
    old.kill();
    Waits.until(
        "every sentinel to report a new master instead of port " + old.port() + health.status(),
        Duration.ofNanos(Math.max(1, deadline - System.nanoTime())),
        () -> health.failedOverFrom(old));
    return old;
  }

  /**
   * Starts a stopped or killed data node again as a replica of the current master and waits until
   * it is in sync and every sentinel sees it healthy.
   *
   * @throws IllegalArgumentException if {@code node} is not a data node of this topology
   * @throws AssertionError if it is not healthy within {@code timeout}
   */
  public synchronized void restart(RedisServer node, Duration timeout) {
    if (!dataNodes.contains(node)) {
      throw new IllegalArgumentException(node + " is not a data node of this topology");
    }
    RedisServer master = master();
    if (master == node) {
      throw new IllegalArgumentException(node + " is the current master, restart it directly");
    }
    node.restart(replicaOf(node.config(), master.port()));
    awaitHealthy(timeout);
  }

  /**
   * Waits until every sentinel agrees on the master, sees every running replica and the other
   * sentinels healthy, and every running replica is in sync with the master.
   *
   * @throws AssertionError if that does not happen within {@code timeout}
   */
  public void awaitHealthy(Duration timeout) {
    health.await(timeout);
  }

  @Override
  public String logTails() {
    List<RedisServer> all = new ArrayList<>(dataNodes);
    all.addAll(sentinels);
    return tails(all);
  }

  private static String tails(List<RedisServer> servers) {
    StringBuilder logs = new StringBuilder();
    servers.forEach(s -> logs.append(s.logTail()));
    return logs.toString();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    sentinels.forEach(RedisServer::close);
    dataNodes.forEach(RedisServer::close);
  }

  @Override
  public String toString() {
    return "SentinelTopology[" + endpoints() + "]";
  }

  /** Options of a {@link SentinelTopology}; not thread-safe. */
  public static final class Builder {
    private RedisServerBinary binary = RedisServerBinary.resolve();
    private String masterName = DEFAULT_MASTER_NAME;
    private String password;
    private String sentinelPassword;
    private Duration downAfter = Duration.ofMillis(DEFAULT_DOWN_AFTER_MILLIS);
    private Duration failoverTimeout = Duration.ofMillis(DEFAULT_FAILOVER_TIMEOUT_MILLIS);
    private Duration startTimeout = Duration.ofSeconds(DEFAULT_START_TIMEOUT_SECONDS);

    private Builder() {}

    /** Uses this binary for every process. */
    public Builder binary(RedisServerBinary binary) {
      this.binary = Objects.requireNonNull(binary, "binary");
      return this;
    }

    /** The name the sentinels monitor the master under. */
    public Builder masterName(String masterName) {
      if (masterName.isEmpty() || !masterName.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            "masterName was '" + masterName + "', must be letters, digits, '.', '_' or '-'");
      }
      this.masterName = masterName;
      return this;
    }

    /** Requires this password on the data nodes (and gives it to replicas and sentinels). */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Requires this password on the sentinels themselves. */
    public Builder sentinelPassword(String sentinelPassword) {
      this.sentinelPassword = Objects.requireNonNull(sentinelPassword, "sentinelPassword");
      return this;
    }

    /** The sentinels' {@code down-after-milliseconds}. */
    public Builder downAfter(Duration downAfter) {
      this.downAfter = positive("downAfter", downAfter);
      return this;
    }

    /** The sentinels' {@code failover-timeout}. */
    public Builder failoverTimeout(Duration failoverTimeout) {
      this.failoverTimeout = positive("failoverTimeout", failoverTimeout);
      return this;
    }

    /** How long the whole group may take to become ready. */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = positive("startTimeout", startTimeout);
      return this;
    }

    /**
     * Starts the group and waits until it is healthy.
     *
     * @throws IllegalStateException if it is not healthy within the start timeout; the message
     *     carries every process's log, and every process started is gone
     */
    public SentinelTopology start() {
      return SentinelTopology.start(copy());
    }

    private Builder copy() {
      Builder copy = new Builder();
      copy.binary = binary;
      copy.masterName = masterName;
      copy.password = password;
      copy.sentinelPassword = sentinelPassword;
      copy.downAfter = downAfter;
      copy.failoverTimeout = failoverTimeout;
      copy.startTimeout = startTimeout;
      return copy;
    }

    static Duration positive(String name, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " was set to " + value + ", must be positive");
      }
      return value;
    }
  }
}
