package dev.mpredis.redis.internal;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens a manager's cluster connections so that no command is refused for want of a node link.
 *
 * <p>A cluster connection links to each node on first use. While that link is being made, Lettuce
 * refuses commands for the node when commands are rejected while disconnected (our choice: it is
 * what keeps every call at most once). So a connection is handed out only once it has a link to
 * every master, and when the topology changes (a failover promotes a replica, a master is added)
 * the links to the new masters are opened at once for every open connection. Thread-safe.
 */
final class ClusterConnections {

  private final RedisClusterClient client;
  private final Set<StatefulRedisClusterConnection<String, byte[]>> open =
      ConcurrentHashMap.newKeySet();
  private volatile CompletableFuture<Void> topology;

  ClusterConnections(RedisClusterClient client, ClientResources resources) {
    this.client = client;
    resources
        .eventBus()
        .get()
        .filter(ClusterTopologyChangedEvent.class::isInstance)
        .subscribe(event -> open.forEach(ClusterConnections::linkMasters));
  }

  /** A connection with a link to every master, the topology read first if never read yet. */
  CompletableFuture<StatefulRedisClusterConnection<String, byte[]>> connect() {
    return topologyRead()
        .thenCompose(ignored -> client.connectAsync(KeyValueCodec.INSTANCE))
        .thenCompose(
            connection -> {
              open.removeIf(known -> !known.isOpen());
              open.add(connection);
              return linkMasters(connection).thenApply(ignored -> connection);
            });
  }

  /**
   * The first topology read. Lettuce reads it inside {@code connectAsync} only when the client has
   * none; a failed read is retried by the next connect.
   */
  private CompletableFuture<Void> topologyRead() {
    CompletableFuture<Void> current = topology;
    if (current == null || current.isCompletedExceptionally()) {
      synchronized (this) {
        current = topology;
        if (current == null || current.isCompletedExceptionally()) {
          current = client.refreshPartitionsAsync().toCompletableFuture();
          topology = current;
        }
      }
    }
    return current;
  }

  private static CompletableFuture<Void> linkMasters(
      StatefulRedisClusterConnection<String, byte[]> connection) {
    List<CompletableFuture<?>> links = new ArrayList<>();
    for (RedisClusterNode node : connection.getPartitions()) {
      if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty()) {
        // By host and port: the key under which Lettuce looks up a slot's master link.
        links.add(connection.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort()));
      }
    }
    return CompletableFuture.allOf(links.toArray(new CompletableFuture<?>[0]));
  }
}
