package dev.mpredis.redis.internal;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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
   * The near cache's copy of {@code key} (as stored), {@code null} when there is none or no near
   * cache serves this lease: a reader with a hit needs no stage ({@link #get} would make one).
   */
  public static NearCopy hit(Lease lease, String key) {
    NearCache near = reading(lease);
    return near == null ? null : near.hit(key);
  }

  /**
   * The JSON text under {@code key} (as stored), {@code null} when there is none: from the near
   * cache, or from the server (GET, with PTTL pipelined behind it so the reply may be stored). With
   * a near cache, readers that miss one key together share one read ({@link NearCache#board}).
   */
  public static CompletionStage<byte[]> get(Lease lease, String key) {
    NearCache near = reading(lease);
    if (near == null) {
      return lease.commands().get(key);
    }
    NearCopy hit = near.hit(key);
    return hit != null ? CompletableFuture.completedFuture(hit.json) : missed(lease, near, key);
  }

  /**
   * As {@link #get}, after {@link #hit} found no copy: the read goes to the server (shared with
   * other readers missing the key).
   */
  public static CompletionStage<byte[]> missed(Lease lease, String key) {
    NearCache near = reading(lease);
    return near == null ? lease.commands().get(key) : missed(lease, near, key);
  }

  private static CompletionStage<byte[]> missed(Lease lease, NearCache near, String key) {
    NearCache.Ticket ticket = near.ticket(key); // before the read is sent
    if (ticket == null) {
      return lease.commands().get(key);
    }
    NearCache.Flight flight = near.board(key, ticket);
    if (!NearCache.sends(flight, ticket)) {
      return flight.reply;
    }
    CompletionStage<byte[]> value = lease.commands().get(key);
    CompletionStage<Long> pttl = lease.commands().pttl(key); // same round trip
    value.whenComplete(
        (json, failure) -> {
          if (failure != null) {
            near.land(key, flight, null, null, failure);
          } else {
            pttl.whenComplete((ttl, ttlFailure) -> near.land(key, flight, json, ttl, null));
          }
        });
    return flight.reply;
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

  // A write forgets its keys once it is answered or failed, not before it is sent: until then the
  // old value is still a right answer, and no read sent before the reply can store it back (its
  // ticket is older than the forgetting). Read-your-writes needs no more. The shared connection
  // hears no invalidation of its own writes (NOLOOP, see TrackingLink), so there this forgetting
  // is what keeps the near cache right: every write on a lease goes through one of these.

  /**
   * {@code SET key json [EX ttlSeconds]} on {@code lease} ({@code ttlSeconds} 0: no expiry). With a
   * near cache, on the shared connection the reply stores the written text where that is safe
   * ({@link NearCache#written}), else forgets the key; on a dedicated one it forgets the key.
   * Without a near cache it is the plain command.
   */
  public static CompletionStage<String> set(Lease lease, String key, byte[] json, long ttlSeconds) {
    NearCache near = lease.manager().nearCache();
    if (near == null || lease.isDedicated()) {
      CompletionStage<String> set =
          ttlSeconds > 0
              ? lease.commands().set(key, json, SetArgs.Builder.ex(ttlSeconds))
              : lease.commands().set(key, json);
      return forgetOnReply(lease, key, set);
    }
    CommandArgs<String, byte[]> args =
        new CommandArgs<>(KeyValueCodec.INSTANCE).addKey(key).addValue(json);
    if (ttlSeconds > 0) {
      SetArgs.Builder.ex(ttlSeconds).build(args);
    }
    AsyncCommand<String, byte[], String> set =
        new AsyncCommand<>(
            new Command<>(CommandType.SET, new StatusOutput<>(KeyValueCodec.INSTANCE), args));
    NearCache.Ticket ticket = near.writing(key); // before it is sent
    long ttlMillis = ttlSeconds > 0 ? TimeUnit.SECONDS.toMillis(ttlSeconds) : -1;
    // Attached before sending, so a reply runs it on the connection's I/O thread as it arrives:
    // in the order of the other replies and invalidations, which NearCache.written relies on.
    // The caller gets the stage after it (not the command: a future runs its dependents last
    // attached first, and the caller must not see the reply before the near cache has).
    CompletionStage<String> written =
        set.whenComplete(
            (ok, failure) -> near.written(ticket, key, json, ttlMillis, failure == null));
    lease.connection().dispatch(set);
    return written;
  }

  /**
   * {@code write}, {@code command} (upper case) sent by {@code send-command}, whose keys the near
   * cache cannot know: with a near cache, everything is forgotten on the reply unless the command
   * only reads ({@link RawCommands#isReadOnly}).
   */
  public static <T> CompletionStage<T> forgetAllOnReply(
      Lease lease, String command, CompletionStage<T> write) {
    NearCache near = lease.manager().nearCache();
    return near == null || RawCommands.isReadOnly(command)
        ? write
        : write.whenComplete((result, failure) -> near.clear());
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
