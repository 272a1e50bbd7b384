package dev.mpredis.redis.internal;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * UNLINK of keys given as the server's bytes, on the server that listed them: one UNLINK per hash
 * slot, so that it also holds on a cluster node, which refuses keys of several slots in one command
 * (a single server has every slot and takes them in one UNLINK each the same). Stateless.
 */
public final class Unlinks {

  private Unlinks() {}

  /**
   * Unlinks {@code keys} on {@code on}, per slot when {@code clusterNode}; completes when every
   * UNLINK has answered.
   */
  public static CompletionStage<Void> unlink(
      RedisClusterAsyncCommands<String, byte[]> on, List<byte[]> keys, boolean clusterNode) {
    Map<Integer, List<byte[]>> bySlot = new TreeMap<>();
    for (byte[] key : keys) {
      int group = clusterNode ? SlotHash.getSlot(key) : 0;
      bySlot.computeIfAbsent(group, slot -> new ArrayList<>()).add(key);
    }
    List<CompletableFuture<Long>> sent = new ArrayList<>();
    for (List<byte[]> slotKeys : bySlot.values()) {
      CommandArgs<String, byte[]> args = new CommandArgs<>(KeyValueCodec.INSTANCE);
      for (byte[] key : slotKeys) {
        args.add(key);
      }
      sent.add(
          on.dispatch(CommandType.UNLINK, new IntegerOutput<>(KeyValueCodec.INSTANCE), args)
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0]));
  }
}
