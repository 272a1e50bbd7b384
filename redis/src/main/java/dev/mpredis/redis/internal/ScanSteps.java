package dev.mpredis.redis.internal;

import dev.mpredis.machine.InvalidInputException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One SCAN step with a cursor a caller can keep as text: on one server the server's cursor ({@code
 * "0"} to start), on a cluster {@code <master node id>:<that master's cursor>}, the masters taken
 * in the order of their node ids so that every master is scanned once. Stateless.
 *
 * <p>What a cluster cursor cannot promise: a failover during a listing gives the slots of the old
 * master a new node id, which the order may have passed already or not reached yet; their keys may
 * then be listed twice or not at all (SCAN itself may list a key twice).
 */
public final class ScanSteps {

  private ScanSteps() {}

  /**
   * One step's keys, and the cursor after it ({@code null}: the listing is complete).
   *
   * @param keys the keys the step found, as the server's bytes
   * @param next where the next step starts, or {@code null}
   * @param on the commands of the server the step scanned, to act on its keys there
   */
  public record Step(List<byte[]> keys, String next, RedisClusterAsyncCommands<String, byte[]> on) {

    /** The keys as text (bytes that are not UTF-8 become U+FFFD). */
    public List<String> texts() {
      List<String> texts = new java.util.ArrayList<>(keys.size());
      for (byte[] key : keys) {
        texts.add(new String(key, java.nio.charset.StandardCharsets.UTF_8));
      }
      return texts;
    }
  }

  /** The cursor where a listing starts. */
  public static final String START = "0";

  /**
   * Scans one step from {@code cursor}.
   *
   * @throws InvalidInputException if the cursor is of the other kind (a cluster cursor on one
   *     server, or a server's non-zero cursor on a cluster)
   */
  public static CompletionStage<Step> step(Lease lease, String cursor, ScanArgs args) {
    RedisClusterAsyncCommands<String, byte[]> commands = lease.commands();
    if (!lease.isCluster()) {
      if (cursor.indexOf(':') >= 0) {
        throw wrongKind("it is a cluster's cursor and this is not a cluster");
      }
      return scan(commands, cursor, args)
          .thenApply(
              page ->
                  new Step(
                      page.keys(), page.cursor().equals(START) ? null : page.cursor(), commands));
    }
    TreeMap<String, RedisURI> masters = masters(lease);
    String node;
    String nodeCursor;
    int colon = cursor.indexOf(':');
    if (colon < 0) {
      if (!cursor.equals(START)) {
        throw wrongKind("on a cluster a cursor names a node ('<node id>:<cursor>')");
      }
      node = masters.isEmpty() ? null : masters.firstKey();
      nodeCursor = START;
    } else {
      node = cursor.substring(0, colon);
      nodeCursor = cursor.substring(colon + 1);
    }
    if (node == null) {
      return CompletableFuture.completedFuture(new Step(List.of(), null, commands));
    }
    if (!masters.containsKey(node)) {
      // The node left, or failed over, since the cursor was made: go on with the next master.
      String next = masters.higherKey(node);
      return next == null
          ? CompletableFuture.completedFuture(new Step(List.of(), null, commands))
          : step(lease, next + ":" + START, args);
    }
    // By host and port, never blocking: the link the lease already holds to that master.
    RedisURI uri = masters.get(node);
    return lease
        .masterLink(uri.getHost(), uri.getPort())
        .thenCompose(
            link ->
                scan(link.async(), nodeCursor, args)
                    .thenApply(
                        page -> {
                          String after = masters.higherKey(node);
                          String next =
                              !page.cursor().equals(START)
                                  ? node + ":" + page.cursor()
                                  : after == null ? null : after + ":" + START;
                          return new Step(page.keys(), next, link.async());
                        }));
  }

  private static CompletionStage<RawScanOutput.Page> scan(
      RedisClusterAsyncCommands<String, byte[]> on, String cursor, ScanArgs args) {
    CommandArgs<String, byte[]> wire = new CommandArgs<>(KeyValueCodec.INSTANCE).add(cursor);
    args.build(wire);
    return on.dispatch(CommandType.SCAN, new RawScanOutput(KeyValueCodec.INSTANCE), wire);
  }

  private static TreeMap<String, RedisURI> masters(Lease lease) {
    TreeMap<String, RedisURI> masters = new TreeMap<>();
    for (RedisClusterNode node : lease.partitions()) {
      if (node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty()) {
        masters.put(node.getNodeId(), node.getUri());
      }
    }
    return masters;
  }

  private static InvalidInputException wrongKind(String rule) {
    return new InvalidInputException(
        "cursor", "is not a cursor of this connection's listings: " + rule);
  }
}
