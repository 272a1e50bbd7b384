package dev.mpredis.redis.internal;

import io.lettuce.core.KeyValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * How the cache machines read and write through a manager's {@link NearCache}, and straight to the
 * server when it has none. Only the shared connection reads through it: a dedicated one may have
 * selected another database or be inside MULTI, where an answer from the store (or an extra PTTL in
 * the transaction) would be wrong. Writes on any connection forget their keys. Stateless.
 */
public final class NearReads {

  private NearReads() {}

  /** The near cache that may serve reads on {@code lease}, or {@code null}. */
  private static NearCache reading(Lease lease) {
    NearCache near = lease.manager().nearCache();
    return near == null || lease.isDedicated() ? null : near;
  }

  /**
   * The JSON text under {@code key} (as stored), {@code null} when there is none: from the near
   * cache, or from the server (GET, with PTTL pipelined behind it when the reply may be stored).
   */
  public static CompletionStage<byte[]> get(Lease lease, String key) {
    NearCache near = reading(lease);
    if (near == null) {
      return lease.commands().get(key);
    }
    byte[] hit = near.hit(key);
    if (hit != null) {
      return CompletableFuture.completedFuture(hit);
    }
    NearCache.Ticket ticket = near.ticket(key); // before the read is sent
    if (ticket == null) {
      return lease.commands().get(key);
    }
    CompletionStage<byte[]> value = lease.commands().get(key);
    CompletionStage<Long> pttl = lease.commands().pttl(key); // same round trip
    return value.thenCompose(
        json ->
            pttl.handle(
                (ttl, failure) -> {
                  if (failure == null) {
                    near.fill(ticket, key, json, ttl);
                  }
                  return json;
                }));
  }

  /**
   * The values under {@code keys} (as stored, no duplicates), in order, shaped as MGET batches
   * answer: {@code mget} itself without a near cache, else each key from the store or {@link #get}.
   */
  public static CompletionStage<List<List<KeyValue<String, byte[]>>>> getAll(
      Lease lease,
      List<String> keys,
      Supplier<CompletionStage<List<List<KeyValue<String, byte[]>>>>> mget) {
    if (reading(lease) == null) {
      return mget.get();
    }
    List<CompletableFuture<byte[]>> replies = new ArrayList<>(keys.size());
    for (String key : keys) {
      replies.add(get(lease, key).toCompletableFuture());
    }
    return CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0]))
        .thenApply(
            ignored -> {
              List<KeyValue<String, byte[]>> batch = new ArrayList<>(keys.size());
              for (int i = 0; i < keys.size(); i++) {
                batch.add(KeyValue.fromNullable(keys.get(i), replies.get(i).join()));
              }
              return List.of(batch);
            });
  }

  /**
   * Runs {@code write} of {@code keys} (as stored); with a near cache, each key is forgotten before
   * it is sent and again once it is acknowledged or failed, so the manager reads its own writes.
   */
  public static <T> CompletionStage<T> writing(
      Lease lease, Collection<String> keys, Supplier<CompletionStage<T>> write) {
    NearCache near = lease.manager().nearCache();
    return near == null ? write.get() : near.writing(keys, write);
  }

  /** Runs {@code flush}; with a near cache, everything is forgotten before and after. */
  public static CompletionStage<?> flushing(
      Lease lease, Supplier<? extends CompletionStage<?>> flush) {
    NearCache near = lease.manager().nearCache();
    return near == null ? flush.get() : near.flushing(flush);
  }
}
