package dev.mpredis.redis;

import dev.mpredis.testkit.ClusterTopology;
import dev.mpredis.testkit.RedisExtension;
import dev.mpredis.testkit.RedisKind;
import dev.mpredis.testkit.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One deployment of a {@link DeploymentMatrix} test: the pack's manager and connection for it, and
 * the kit's own administration of it, which goes to the node that holds a key (the master a
 * Sentinel names, the master of a key's slot in a Cluster) so a test can check what a machine did
 * without the machines. Thread-safe.
 */
final class Deployment {

  private final RedisExtension extension;

  Deployment(RedisExtension extension) {
    this.extension = extension;
  }

  /**
   * {@code extension} with a pack manager and a connection from it, made after the start, injected
   * and closed after the class.
   */
  static RedisExtension withPack(RedisExtension extension) {
    return extension
        .withClient(Manager.class, e -> Redis.createManager(e.uri()).orThrow())
        .withClient(Connection.class, Manager.class, m -> Redis.getConnection(m).orThrow());
  }

  RedisKind kind() {
    return extension.kind();
  }

  /** The class's manager of this deployment. */
  Manager manager() {
    return extension.client(Manager.class);
  }

  /** The class's connection to this deployment. */
  Connection connection() {
    return extension.client(Connection.class);
  }

  /** The connection string with {@code options} ({@code name=value&...}, percent-encoded). */
  String uri(String options) {
    return extension.endpoints().uri(options);
  }

  /** Runs {@code args} on the node that holds {@code key} (the key is not among the args). */
  Object command(String key, String... args) {
    return run(nodeFor(key), args);
  }

  /** The number of keys on every master together. */
  long keyCount() {
    return masters().stream().mapToLong(m -> (Long) run(m, "DBSIZE")).sum();
  }

  /** Deletes every key on every master. */
  void flushAll() {
    masters().forEach(master -> run(master, "FLUSHALL"));
  }

  private RedisServer nodeFor(String key) {
    return switch (kind()) {
      case SENTINEL -> extension.sentinel().master();
      case CLUSTER -> {
        ClusterTopology cluster = extension.cluster();
        yield cluster.masterOf(cluster.keySlot(key));
      }
      default -> extension.server();
    };
  }

  /** The masters that hold keys. */
  List<RedisServer> masters() {
    return switch (kind()) {
      case SENTINEL -> List.of(extension.sentinel().master());
      case CLUSTER -> extension.cluster().masters();
      default -> List.of(extension.server());
    };
  }

  /** The hash slot of {@code key} in a Cluster; -1 for other kinds, which have none. */
  int slot(String key) {
    return kind() == RedisKind.CLUSTER ? extension.cluster().keySlot(key) : -1;
  }

  private static Object run(RedisServer node, String... args) {
    try {
      return node.command(args);
    } catch (IOException e) {
      throw new UncheckedIOException("the kit could not run " + args[0] + " on " + node, e);
    }
  }

  @Override
  public String toString() {
    return kind().toString();
  }
}
