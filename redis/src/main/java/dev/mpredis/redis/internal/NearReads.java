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

  // A write goes in two steps, so that a manager without a near cache allocates nothing for it:
  // forget the keys before the write is sent, and again once it is answered (read-your-writes).

  /** Forgets {@code key} (as stored) before a write of it is sent; nothing without a near cache. */
  public static void forget(Lease lease, String key) {
    NearCache near = lease.manager().nearCache();
    if (near != null) {
      near.invalidate(key);
    }
  }

  /** Forgets {@code keys} (as stored) before a write of them is sent. */
  public static void forget(Lease lease, Collection<String> keys) {
    NearCache near = lease.manager().nearCache();
    if (near != null) {
      near.invalidateAll(keys);
    }
  }

  /** {@code write} of {@code key}, forgetting the key again once it is answered or failed. */
  public static <T> CompletionStage<T> forgetOnReply(
      Lease lease, String key, CompletionStage<T> write) {
    NearCache near = lease.manager().nearCache();
    return near == null ? write : write.whenComplete((result, failure) -> near.invalidate(key));
  }

  /** {@code write} of {@code keys}, forgetting them again once it is answered or failed. */
  public static <T> CompletionStage<T> forgetOnReply(
      Lease lease, Collection<String> keys, CompletionStage<T> write) {
    NearCache near = lease.manager().nearCache();
    return near == null ? write : write.whenComplete((result, failure) -> near.invalidateAll(keys));
  }

  /** Runs {@code flush}; with a near cache, everything is forgotten before and after. */
  public static CompletionStage<?> flushing(
      Lease lease, Supplier<? extends CompletionStage<?>> flush) {
    NearCache near = lease.manager().nearCache();
    return near == null ? flush.get() : near.flushing(flush);
  }
}
