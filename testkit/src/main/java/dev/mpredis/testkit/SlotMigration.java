package dev.mpredis.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One hash slot being moved between two masters of a {@link ClusterTopology}, begun by {@link
 * ClusterTopology#beginSlotMigration(int, RedisServer)}. While it is open, a client asking the
 * source for a key already moved gets {@code ASK}; after {@link #finish(Duration)} every node
 * answers {@code MOVED} for the slot except the target. Not thread-safe.
 */
public final class SlotMigration {

  private static final String MIGRATE_TIMEOUT_MILLIS = "5000";
  private static final String BATCH = "100";

  private final ClusterTopology cluster;
  private final int slot;
  private final RedisServer source;
  private final RedisServer target;

  SlotMigration(ClusterTopology cluster, int slot, RedisServer source, RedisServer target) {
    this.cluster = cluster;
    this.slot = slot;
    this.source = source;
    this.target = target;
  }

  /** Marks {@code slot} as migrating from its master to {@code target}, on both. */
  static SlotMigration begin(ClusterTopology cluster, int slot, RedisServer target) {
    RedisServer source = cluster.masterOf(slot);
    if (source == target) {
      throw new IllegalArgumentException(target + " already serves slot " + slot);
    }
    try {
      if (!"master"
          .equals(Replies.infoField(target.command("INFO", "replication"), "role").orElse(""))) {
        throw new IllegalArgumentException(target + " is not a master");
      }
      String s = Integer.toString(slot);
      target.command("CLUSTER", "SETSLOT", s, "IMPORTING", cluster.nodeId(source));
      source.command("CLUSTER", "SETSLOT", s, "MIGRATING", cluster.nodeId(target));
    } catch (IOException e) {
      throw new UncheckedIOException("could not begin migrating slot " + slot, e);
    }
    return new SlotMigration(cluster, slot, source, target);
  }

  /** The slot. */
  public int slot() {
    return slot;
  }

  /** The master the slot comes from. */
  public RedisServer source() {
    return source;
  }

  /** The master the slot goes to. */
  public RedisServer target() {
    return target;
  }

  /**
   * Moves the given keys of the slot to the target ({@code MIGRATE ... KEYS}).
   *
   * @throws UncheckedIOException if the source refuses, for example for a key of another slot
   */
  public void moveKeys(String... keys) {
    if (keys.length == 0) {
      return;
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "MIGRATE",
                target.host(),
                Integer.toString(target.port()),
                "",
                "0",
                MIGRATE_TIMEOUT_MILLIS));
    cluster.password().ifPresent(p -> command.addAll(List.of("AUTH", p)));
    command.add("KEYS");
    command.addAll(List.of(keys));
    try {
      source.command(command.toArray(String[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException("could not migrate keys of slot " + slot, e);
    }
  }

  /**
   * Moves every key still in the slot on the source to the target.
   *
   * @throws UncheckedIOException if the source refuses
   */
  public void moveKeys() {
    try {
      while (true) {
        List<?> keys =
            (List<?>) source.command("CLUSTER", "GETKEYSINSLOT", Integer.toString(slot), BATCH);
        if (keys.isEmpty()) {
          return;
        }
        moveKeys(keys.stream().map(String::valueOf).toArray(String[]::new));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list keys of slot " + slot, e);
    }
  }

  /**
   * Moves the keys still on the source, assigns the slot to the target on every running master
   * ({@code CLUSTER SETSLOT ... NODE}, the target first) and waits until every node agrees.
   *
   * <p>The keys go first, as in a real resharding: the source refuses {@code SETSLOT ... NODE}
   * while it holds keys of the slot, unless the target's announcement of its new ownership reached
   * it first (and then it drops them). Which of the two happens first is a race, so a key left
   * behind would make this method fail now and then, or lose the key.
   *
   * @throws AssertionError if the nodes do not agree within {@code timeout}
   * @throws UncheckedIOException if a node refuses
   */
  public void finish(Duration timeout) {
    moveKeys();
    String targetId = cluster.nodeId(target);
    List<RedisServer> order = new ArrayList<>(List.of(target, source));
    cluster.nodes().stream().filter(n -> !order.contains(n)).forEach(order::add);
    try {
      for (RedisServer node : order) {
        if (node.isRunning()
            && "master"
                .equals(
                    Replies.infoField(node.command("INFO", "replication"), "role").orElse(""))) {
          node.command("CLUSTER", "SETSLOT", Integer.toString(slot), "NODE", targetId);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not assign slot " + slot, e);
    }
    cluster.awaitHealthy(timeout);
  }

  @Override
  public String toString() {
    return "SlotMigration[slot " + slot + ", " + source.port() + " -> " + target.port() + "]";
  }
}
