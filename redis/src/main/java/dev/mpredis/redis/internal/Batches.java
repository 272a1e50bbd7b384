package dev.mpredis.redis.internal;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Commands over many keys, sent as batches pipelined on one lease: one command per batch, all in
 * flight together, so a bulk machine costs one round trip however many batches it needs, and no
 * single command grows without bound.
 */
public final class Batches {

  /** Keys per command of the bulk machines (MSET, MGET, DEL). */
  public static final int SIZE = 1000;

  private Batches() {}

  /**
   * Stores every value under its key: as MSET commands of {@link #SIZE} keys (each one atomic), or
   * with a ttl as one {@code SET ... EX} per key, so that every key gets its expiry in the command
   * that writes it (never a key without its ttl, should the link break in between).
   */
  public static CompletableFuture<List<String>> set(
      RedisClusterAsyncCommands<String, byte[]> commands,
      Map<String, byte[]> values,
      long ttlSeconds) {
    List<Map.Entry<String, byte[]>> entries = new ArrayList<>(values.entrySet());
    if (ttlSeconds <= 0) {
      return each(entries, SIZE, batch -> commands.mset(asMap(batch)));
    }
    SetArgs expiry = SetArgs.Builder.ex(ttlSeconds);
    return each(
        entries, 1, one -> commands.set(one.get(0).getKey(), one.get(0).getValue(), expiry));
  }

  private static Map<String, byte[]> asMap(List<Map.Entry<String, byte[]>> batch) {
    Map<String, byte[]> map = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> entry : batch) {
      map.put(entry.getKey(), entry.getValue());
    }
    return map;
  }

  /**
   * Sends {@code command} for each batch of at most {@code size} items, in order.
   *
   * @return every batch's reply, in the order of the batches; or the failure of one of them
   */
  public static <I, T> CompletableFuture<List<T>> each(
      List<I> items, int size, Function<List<I>, CompletionStage<T>> command) {
    return all(send(items, size, command));
  }

  /**
   * Sends {@code command} for each batch of at most {@code size} items, in order, without waiting.
   *
   * @return every batch's reply, in the order of the batches
   */
  public static <I, T> List<CompletableFuture<T>> send(
      List<I> items, int size, Function<List<I>, CompletionStage<T>> command) {
    List<CompletableFuture<T>> sent = new ArrayList<>((items.size() + size - 1) / size);
    for (int from = 0; from < items.size(); from += size) {
      List<I> batch = items.subList(from, Math.min(items.size(), from + size));
      sent.add(command.apply(batch).toCompletableFuture());
    }
    return sent;
  }

  /** The replies of {@link #send}, once all are in; or the failure of one of them. */
  public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> sent) {
    return CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0]))
        .thenApply(
            allDone -> {
              List<T> replies = new ArrayList<>(sent.size());
              for (CompletableFuture<T> reply : sent) {
                replies.add(reply.join());
              }
              return replies;
            });
  }
}
