package dev.mpredis.redis.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mpredis.redis.ConnectionString;
import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A manager's near cache ({@code nearCache=true}, {@code docs/near-cache.md}): the JSON texts of
 * values read, in a bounded Caffeine store, kept fresh by the server's invalidations on a link of
 * its own ({@code CLIENT TRACKING ON BCAST [PREFIX namespace]}, RESP3 push messages).
 *
 * <p>It serves only while that link is up with tracking on. A dropped link stops serving and clears
 * the store at once; after Lettuce reconnects, tracking is turned on again and only then does it
 * serve again. A read fills the store only if nothing invalidated its key (a generation per stripe
 * of keys) and the link did not change (an epoch) between sending the read and storing the reply:
 * an invalidation that overtakes the reply of the read it concerns cannot leave a stale copy.
 *
 * <p>Thread-safe. Lifecycle: built with its manager; the link opens with the manager's first
 * connection ({@link #open}); {@link #close()} (destroy-manager) stops serving for good.
 */
public final class NearCache {

  private static final int STRIPES = 4096; // a power of two

  /**
   * What a read or write saw before it was sent: its reply is stored only if both are unchanged.
   * Public only for the machines that hold one between sending and the reply.
   */
  public record Ticket(long epoch, int stripe, long generation, long sentAt) {
    /** Whether nothing invalidated the key or the link between {@code this} and {@code later}. */
    boolean unchangedAt(Ticket later) {
      return epoch == later.epoch && generation == later.generation;
    }
  }

  /**
   * A read of one key on its way to the server (GET and PTTL), whose reply every reader of the key
   * shares while nothing invalidates the key: 32 threads missing one hot key send one read, not 32.
   */
  static final class Flight {
    final Ticket ticket;
    final CompletableFuture<byte[]> reply = new CompletableFuture<>();

    private Flight(Ticket ticket) {
      this.ticket = ticket;
    }
  }

  private final Cache<String, NearCopy> store;
  private final long maxTtlNanos;
  private final TrackingLink link;
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
  private final AtomicIntegerArray pendingWrites = new AtomicIntegerArray(STRIPES);
  private final AtomicLong epoch = new AtomicLong();
  private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder unserved = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private volatile boolean serving;

  private NearCache(int maxSize, Duration maxTtl, String prefix) {
    this.maxTtlNanos = maxTtl.toNanos();
    this.link = new TrackingLink(this, prefix);
    this.store =
        Caffeine.newBuilder()
            .maximumSize(maxSize)
            // The longest a copy lives; a shorter one (the key's ttl) is checked on each hit, and
            // the entry then waits for this or eviction: reads touch no expiry bookkeeping.
            .expireAfterWrite(maxTtl)
            .executor(Runnable::run) // maintenance on the caller: no pool thread of its own
            .build();
  }

  /** The near cache {@code settings} ask for, or {@code null} when they ask for none. */
  static NearCache of(ConnectionString settings) {
    return settings.nearCache()
        ? new NearCache(
            settings.nearCacheSize(), settings.nearCacheTtl(), settings.namespace().orElse(null))
        : null;
  }

  // ---- the link's news ----

  /** Tracking is on for the link as it is now: serve, counting from a new epoch. */
  void tracking() {
    epoch.incrementAndGet();
    serving = true;
  }

  /** The link dropped or is closing: stop serving and forget everything. */
  void untracked() {
    serving = false;
    epoch.incrementAndGet();
    store.invalidateAll();
  }

  /** Listens for invalidations on the manager's shared connection, once it is connected. */
  void attach(StatefulConnection<String, byte[]> shared) {
    link.attach(shared);
  }

  /** Stops serving for good (destroy-manager). */
  void close() {
    link.close();
  }

  /**
   * Whether the link answered a PING sent at or after {@code nanoTime}: every invalidation the
   * server sent before then has been applied.
   */
  public boolean caughtUpWith(long nanoTime) {
    return link.caughtUpWith(nanoTime);
  }

  /** Whether it holds a copy of {@code key} (as stored). */
  public boolean holds(String key) {
    NearCopy entry = store.getIfPresent(key);
    return entry != null && entry.expiresAt - System.nanoTime() > 0;
  }

  // ---- the store ----

  /** The stored copy of {@code key} (as stored, namespace included), or {@code null}. */
  NearCopy hit(String key) {
    if (!serving || !link.isFresh()) {
      unserved.increment();
      return null;
    }
    NearCopy entry = store.getIfPresent(key);
    if (entry == null || entry.expiresAt - System.nanoTime() <= 0) {
      misses.increment();
      return null;
    }
    hits.increment();
    return entry;
  }

  /** A ticket for a read of {@code key} about to be sent, or {@code null} when not serving. */
  Ticket ticket(String key) {
    long seen = epoch.get();
    if (!serving) {
      return null;
    }
    int stripe = stripe(key);
    return new Ticket(seen, stripe, generations.get(stripe), System.nanoTime());
  }

  /**
   * The read of {@code key} a reader holding {@code ticket} (just taken) may share: one in flight
   * that nothing has invalidated since it was sent, or else a new one that the caller sends and
   * then {@link #land lands}. The reply of a shared read was sent after the reader's last
   * invalidation of the key, so it is never older than a write the reader saw acknowledged.
   */
  Flight board(String key, Ticket ticket) {
    Flight fresh = null;
    while (true) {
      Flight current = flights.get(key);
      if (current != null
          && current.ticket.unchangedAt(ticket)
          && pendingWrites.get(ticket.stripe()) == 0) {
        return current; // else a write may have been answered since it was sent
      }
      if (fresh == null) {
        fresh = new Flight(ticket);
      }
      if (current == null
          ? flights.putIfAbsent(key, fresh) == null
          : flights.replace(key, current, fresh)) {
        return fresh;
      }
    }
  }

  /**
   * Whether {@code flight} (from {@link #board}) was made for {@code ticket}: its reader sends it.
   */
  static boolean sends(Flight flight, Ticket ticket) {
    return flight.ticket == ticket;
  }

  /**
   * Ends {@code flight}: what it found is stored (see {@link #fill}), and handed to every reader
   * sharing it; a failed GET fails them all, a failed PTTL only keeps the reply out of the store.
   */
  void land(String key, Flight flight, byte[] json, Long pttl, Throwable failure) {
    if (failure == null) {
      fill(flight.ticket, key, json, pttl);
    }
    flights.remove(key, flight);
    if (failure == null) {
      flight.reply.complete(json);
    } else {
      flight.reply.completeExceptionally(failure);
    }
  }

  /**
   * Stores what the read of {@code ticket} found: {@code json} ({@code null}: nothing) and the
   * key's remaining time to live in milliseconds ({@code PTTL}: -1 none, -2 gone), unless something
   * invalidated the key or the link since the ticket was taken.
   */
  void fill(Ticket ticket, String key, byte[] json, Long pttl) {
    if (ticket == null || json == null || pttl == null || pttl == -2 || pttl == 0) {
      return;
    }
    long life = pttl < 0 ? maxTtlNanos : Math.min(maxTtlNanos, TimeUnit.MILLISECONDS.toNanos(pttl));
    NearCopy entry =
        new NearCopy(json, ticket.sentAt() + life); // from the send: never later than Redis
    if (!valid(ticket)) {
      dropped.increment();
      return;
    }
    store.put(key, entry);
    if (!valid(ticket)) { // an invalidation raced the put: it may have missed the entry
      store.asMap().remove(key, entry);
    }
  }

  /**
   * A ticket for a write of {@code key} about to be sent on the shared connection, for {@link
   * #written}; counted as pending until then. Never {@code null} (a ticket taken while not serving
   * never stores anything).
   */
  Ticket writing(String key) {
    int stripe = stripe(key);
    pendingWrites.incrementAndGet(stripe);
    Ticket ticket = ticket(key);
    return ticket != null ? ticket : new Ticket(-1, stripe, -1, 0);
  }

  /**
   * The reply to the write of {@code ticket} ({@link #writing}), handled as it arrived: on the
   * connection's I/O thread, before any later reply or invalidation (a failure may come from
   * elsewhere). When it succeeded and no other write of the key's stripe is still pending, the
   * written {@code json} is stored (for {@code ttlMillis}, or the near cache's longest when {@code
   * -1}). When another write of the stripe is pending, the copy is removed and that write decides.
   * Otherwise the key is forgotten.
   *
   * <p>Why that is safe: the write went on the shared connection, where the server answers in the
   * order it runs commands, and with NOLOOP it pushes no invalidation for this connection's own
   * writes. With no other write of the stripe pending, this reply is the last write of the key this
   * manager made; an invalidation handled before it was for a write the server ran earlier, and
   * another client's later write is pushed after this reply and removes the copy. While a write of
   * the stripe is pending no fill stores and no reader shares an older read ({@link #valid}, {@link
   * #board}); bumping the generation as it stores keeps a fill of an older read, handled late, from
   * storing that older value over it.
   */
  void written(Ticket ticket, String key, byte[] json, long ttlMillis, boolean succeeded) {
    int stripe = ticket.stripe();
    boolean last = pendingWrites.decrementAndGet(stripe) == 0;
    if (!succeeded || json == null || !serving || epoch.get() != ticket.epoch()) {
      invalidate(key);
      return;
    }
    if (!last) {
      store.invalidate(key); // the stripe's last pending write bumps the generation
      return;
    }
    long stored = generations.incrementAndGet(stripe);
    long life =
        ttlMillis < 0
            ? maxTtlNanos
            : Math.min(maxTtlNanos, TimeUnit.MILLISECONDS.toNanos(ttlMillis));
    NearCopy entry = new NearCopy(json, ticket.sentAt() + life);
    store.put(key, entry);
    if (!serving
        || epoch.get() != ticket.epoch()
        || generations.get(stripe) != stored
        || pendingWrites.get(stripe) != 0) {
      store.asMap().remove(key, entry); // an invalidation or a write raced the put
    }
  }

  /** Whether a fill of {@code ticket} may store: nothing changed, and no write of it is pending. */
  private boolean valid(Ticket ticket) {
    return serving
        && epoch.get() == ticket.epoch()
        && generations.get(ticket.stripe()) == ticket.generation()
        && pendingWrites.get(ticket.stripe()) == 0;
  }

  /** Forgets {@code key}: the generation first, so a fill in flight cannot store it back. */
  void invalidate(String key) {
    generations.incrementAndGet(stripe(key));
    store.invalidate(key);
  }

  void invalidateAll(Collection<String> keys) {
    for (String key : keys) {
      invalidate(key);
    }
  }

  /** Forgets everything, still serving (a flush). */
  void clear() {
    epoch.incrementAndGet();
    store.invalidateAll();
  }

  private static int stripe(String key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  // ---- what machines call ----

  /** A flush by this manager: everything is forgotten before and after. */
  CompletionStage<?> flushing(Supplier<? extends CompletionStage<?>> flush) {
    clear();
    return flush.get().whenComplete((result, failure) -> clear());
  }

  /** Whether it serves reads now: the link is up with tracking on. */
  public boolean isServing() {
    return serving && link.isFresh();
  }

  /** How many entries it holds (after pending evictions). */
  public long size() {
    store.cleanUp();
    return store.estimatedSize();
  }

  /** Reads answered locally. */
  public long hits() {
    return hits.sum();
  }

  /**
   * Reads that went to the server while serving (each reader of a shared read counts). The
   * manager's {@code toString} also shows the reads made while not serving (a link not yet or no
   * longer fresh) and the fills dropped because an invalidation or a write overtook them.
   */
  public long misses() {
    return misses.sum();
  }

  @Override
  public String toString() {
    return "nearCache="
        + (isServing() ? "serving" : "not serving")
        + " ("
        + store.estimatedSize()
        + " entries, "
        + hits()
        + " hits, "
        + misses()
        + " misses, "
        + unserved.sum()
        + " reads while not serving, "
        + dropped.sum()
        + " fills dropped)";
  }
}
