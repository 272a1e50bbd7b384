package dev.mpredis.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Redis Cluster of real processes: three masters and one replica each by default, each node in
 * its own temporary directory on a free port of 127.0.0.1 whose bus port (port + 10000) is free
 * too. It is built from Java with {@code CLUSTER MEET}, {@code ADDSLOTSRANGE} (7.x) or batched
 * {@code ADDSLOTS} (6.2) and {@code REPLICATE}, and ready only when every node reports {@code
 * cluster_state:ok}, all running nodes agree on the slot map and every replica is in sync.
 *
 * <p>Fault controls: {@link #killMaster(RedisServer, Duration)} kills a master and waits until its
 * replica took over; {@link #restart(RedisServer, Duration)} brings a node back (it rejoins as a
 * replica); {@link #addEmptyMaster(Duration)} and {@link #beginSlotMigration(int, RedisServer)} set
 * up {@code MOVED} and {@code ASK} situations. Small timings ({@code cluster-node-timeout} {@value
 * #DEFAULT_NODE_TIMEOUT_MILLIS} ms, {@code cluster-replica-validity-factor 0}) keep failovers to a
 * few seconds.
 *
 * <pre>{@code
 * try (ClusterTopology cluster = ClusterTopology.builder().start()) {
 *   RedisServer master = cluster.masterOf(cluster.keySlot("k"));
 *   cluster.killMaster(master, Duration.ofSeconds(15));
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} kills every process and deletes every directory.
 */
public final class ClusterTopology implements RedisTopology {

  /** Masters unless told otherwise. */
  public static final int DEFAULT_MASTERS = 3;

  /** Replicas per master unless told otherwise. */
  public static final int DEFAULT_REPLICAS_PER_MASTER = 1;

  /** The nodes' {@code cluster-node-timeout}, in milliseconds. */
  public static final int DEFAULT_NODE_TIMEOUT_MILLIS = 1000;

  /** How long the whole cluster may take to become ready, in seconds. */
  public static final int DEFAULT_START_TIMEOUT_SECONDS = 30;

  /** The number of hash slots. */
  public static final int SLOTS = 16384;

  private final RedisServerConfig nodeConfig;
  private final Optional<String> password;
  private final List<RedisServer> nodes = new CopyOnWriteArrayList<>();
  private final Map<RedisServer, String> ids = new ConcurrentHashMap<>();
  private final ClusterHealth health = new ClusterHealth(this);
  private boolean closed;

  ClusterTopology(RedisServerConfig nodeConfig) {
    this.nodeConfig = nodeConfig;
    this.password = nodeConfig.password();
  }

  /** A builder with the defaults of the class documentation. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts one more node on a port whose bus port is free, and learns its node id. */
  RedisServer startNode() throws IOException {
    RedisServer node = RedisServer.start(nodeConfig, FreePorts::withBus);
    nodes.add(node);
    ids.put(node, String.valueOf(node.command("CLUSTER", "MYID")));
    return node;
  }

  /** Every node started, in start order (masters first); added masters come last. */
  public List<RedisServer> nodes() {
    return List.copyOf(nodes);
  }

  /** The cluster node id of {@code node}. */
  public String nodeId(RedisServer node) {
    String id = ids.get(node);
    if (id == null) {
      throw new IllegalArgumentException(node + " is not a node of this cluster");
    }
    return id;
  }

  /**
   * The hash slot of {@code key}, as the cluster computes it ({@code CLUSTER KEYSLOT}).
   *
   * @throws UncheckedIOException if no node answers
   */
  public int keySlot(String key) {
    return ((Long) ask("CLUSTER", "KEYSLOT", key)).intValue();
  }

  /**
   * The running master serving {@code slot}, according to the first running node.
   *
   * @throws UncheckedIOException if no node answers
   * @throws IllegalStateException if no running node of this cluster serves the slot
   */
  public RedisServer masterOf(int slot) {
    if (slot < 0 || slot >= SLOTS) {
      throw new IllegalArgumentException("slot was " + slot + ", must be 0.." + (SLOTS - 1));
    }
    for (Object range : (List<?>) ask("CLUSTER", "SLOTS")) {
      List<?> r = (List<?>) range;
      if ((Long) r.get(0) <= slot && slot <= (Long) r.get(1)) {
        return byPort(((Long) ((List<?>) r.get(2)).get(1)).intValue())
            .filter(RedisServer::isRunning)
            .orElseThrow(
                () -> new IllegalStateException("slot " + slot + " has no running master"));
      }
    }
    throw new IllegalStateException("slot " + slot + " is not served");
  }

  /** The running masters that serve slots, ordered by their first slot. */
  public List<RedisServer> masters() {
    List<RedisServer> masters = new ArrayList<>();
    for (Object range : (List<?>) ask("CLUSTER", "SLOTS")) {
      int port = ((Long) ((List<?>) ((List<?>) range).get(2)).get(1)).intValue();
      byPort(port)
          .filter(RedisServer::isRunning)
          .filter(n -> !masters.contains(n))
          .ifPresent(masters::add);
    }
    return masters;
  }

  Optional<RedisServer> byPort(int port) {
    return nodes.stream().filter(n -> n.port() == port).findFirst();
  }

  /** Runs a command on the first running node that answers. */
  Object ask(String... command) {
    IOException last = null;
    for (RedisServer node : nodes) {
      if (node.isRunning()) {
        try {
          return node.command(command);
        } catch (IOException e) {
          last = e;
        }
      }
    }
    throw new UncheckedIOException("no node of the cluster answered " + command[0], last);
  }

  @Override
  public RedisEndpoints endpoints() {
    return new RedisEndpoints(
        RedisKind.CLUSTER,
        nodes.stream().map(n -> new RedisEndpoints.Address(n.host(), n.port())).toList(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        password,
        Optional.empty());
  }

  /**
   * Kills {@code master} (SIGKILL) and waits until one of its replicas serves its slots and the
   * cluster is healthy again.
   *
   * @throws IllegalArgumentException if {@code master} serves no slots
   * @throws AssertionError if the failover does not complete within {@code timeout}
   */
  public synchronized void killMaster(RedisServer master, Duration timeout) {
    if (!masters().contains(master)) {
      throw new IllegalArgumentException(master + " is not a running master serving slots");
    }
    master.kill();
    awaitHealthy(timeout);
  }

  /**
   * Starts a stopped or killed node again (it keeps its {@code nodes.conf}, so a replaced master
   * rejoins as a replica) and waits until the cluster is healthy with it.
   *
   * @throws IllegalArgumentException if {@code node} is not a node of this cluster
   * @throws AssertionError if the cluster is not healthy within {@code timeout}
   */
  public synchronized void restart(RedisServer node, Duration timeout) {
    nodeId(node);
    node.restart();
    awaitHealthy(timeout);
  }

  /**
   * Starts one more node, joins it to the cluster as a master without slots and waits until every
   * node knows it and it reports {@code cluster_state:ok} itself.
   *
   * @throws AssertionError if that does not happen within {@code timeout}
   */
  public synchronized RedisServer addEmptyMaster(Duration timeout) {
    try {
      return ClusterFormation.addMaster(this, timeout);
    } catch (IOException e) {
      throw new UncheckedIOException("could not add a master", e);
    }
  }

  /**
   * Marks {@code slot} as migrating from its master to {@code target} ({@code CLUSTER SETSLOT
   * IMPORTING} on the target, {@code MIGRATING} on the source). Keys move with {@link
   * SlotMigration#moveKeys}; until {@link SlotMigration#finish} clients get {@code ASK} for moved
   * keys, and {@code MOVED} after it.
   *
   * @throws IllegalArgumentException if {@code target} is not a master of this cluster, or already
   *     serves the slot
   */
  public synchronized SlotMigration beginSlotMigration(int slot, RedisServer target) {
    return SlotMigration.begin(this, slot, target);
  }

  /**
   * Moves {@code slot} with all its keys to {@code target} and waits until every node agrees.
   *
   * @throws AssertionError if the nodes do not agree within {@code timeout}
   */
  public void migrateSlot(int slot, RedisServer target, Duration timeout) {
    beginSlotMigration(slot, target).finish(timeout);
  }

  Optional<String> password() {
    return password;
  }

  /**
   * Waits until every running node reports {@code cluster_state:ok}, they all report the same slot
   * map covering every slot with running masters, and every running replica is in sync.
   *
   * @throws AssertionError if that does not happen within {@code timeout}
   */
  public void awaitHealthy(Duration timeout) {
    ClusterHealth.await("a healthy cluster", timeout, health::problem);
  }

  /**
   * Waits until every replica's replication offset has reached its master's, so that writes
   * acknowledged before the call survive a failover.
   *
   * @throws AssertionError if that does not happen within {@code timeout}
   */
  public void awaitReplicated(Duration timeout) {
    ClusterHealth.await("replicas to catch up", timeout, health::replicationProblem);
  }

  void awaitAllKnown(Duration timeout) {
    ClusterHealth.await("every node to know every other", timeout, health::membershipProblem);
  }

  List<RedisServer> running() {
    return nodes.stream().filter(RedisServer::isRunning).toList();
  }

  @Override
  public String logTails() {
    StringBuilder logs = new StringBuilder();
    nodes.forEach(n -> logs.append(n.logTail()));
    return logs.toString();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    nodes.forEach(RedisServer::close);
  }

  @Override
  public String toString() {
    return "ClusterTopology[" + endpoints() + "]";
  }

  /** Options of a {@link ClusterTopology}; not thread-safe. */
  public static final class Builder {
    // Package-private: ClusterFormation reads the options when it starts the nodes.
    RedisServerBinary binary = RedisServerBinary.resolve();
    int masters = DEFAULT_MASTERS;
    int replicasPerMaster = DEFAULT_REPLICAS_PER_MASTER;
    String password;
    Duration nodeTimeout = Duration.ofMillis(DEFAULT_NODE_TIMEOUT_MILLIS);
    boolean requireFullCoverage = true;
    Duration startTimeout = Duration.ofSeconds(DEFAULT_START_TIMEOUT_SECONDS);

    private Builder() {}

    /** Uses this binary for every node. */
    public Builder binary(RedisServerBinary binary) {
      this.binary = Objects.requireNonNull(binary, "binary");
      return this;
    }

    /** The number of masters (at least 3, so that a majority survives a killed master). */
    public Builder masters(int masters) {
      if (masters < 3 || masters > 16) {
        throw new IllegalArgumentException("masters was set to " + masters + ", must be 3..16");
      }
      this.masters = masters;
      return this;
    }

    /** The number of replicas of each master. */
    public Builder replicasPerMaster(int replicasPerMaster) {
      if (replicasPerMaster < 0 || replicasPerMaster > 3) {
        throw new IllegalArgumentException(
            "replicasPerMaster was set to " + replicasPerMaster + ", must be 0..3");
      }
      this.replicasPerMaster = replicasPerMaster;
      return this;
    }

    /** Requires this password on every node (and gives it to replicas as {@code masterauth}). */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The nodes' {@code cluster-node-timeout}. */
    public Builder nodeTimeout(Duration nodeTimeout) {
      this.nodeTimeout = SentinelTopology.Builder.positive("nodeTimeout", nodeTimeout);
      return this;
    }

    /**
     * {@code cluster-require-full-coverage}: whether the whole cluster refuses commands while a
     * slot has no master (the Redis default, {@code true}).
     */
    public Builder requireFullCoverage(boolean requireFullCoverage) {
      this.requireFullCoverage = requireFullCoverage;
      return this;
    }

    /** How long the whole cluster may take to become ready. */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = SentinelTopology.Builder.positive("startTimeout", startTimeout);
      return this;
    }

    /**
     * Starts the cluster and waits until it is healthy.
     *
     * @throws IllegalStateException if it is not healthy within the start timeout; the message
     *     carries every node's log, and every node started is gone
     */
    public ClusterTopology start() {
      return ClusterFormation.start(this);
    }
  }
}
