package dev.mpredis.redis.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.mpredis.redis.ConnectionString;
import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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

  /** A stored text and when it must be gone ({@link System#nanoTime()}). */
  private static final class Entry {
    final byte[] json;
    final long expiresAt;

    Entry(byte[] json, long expiresAt) {
      this.json = json;
      this.expiresAt = expiresAt;
    }
  }

  /** What a read saw before it was sent: its fill is stored only if both are unchanged. */
  record Ticket(long epoch, int stripe, long generation, long sentAt) {}

  private final Cache<String, Entry> store;
  private final long maxTtlNanos;
  private final TrackingLink link;
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
  private final AtomicLong epoch = new AtomicLong();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private volatile boolean serving;

  private NearCache(int maxSize, Duration maxTtl, String prefix) {
    this.maxTtlNanos = maxTtl.toNanos();
    this.link = new TrackingLink(this, prefix);
    this.store =
        Caffeine.newBuilder()
            .maximumSize(maxSize)
            .expireAfter(
                new Expiry<String, Entry>() {
                  @Override
                  public long expireAfterCreate(String key, Entry entry, long now) {
                    return Math.max(0, entry.expiresAt - now);
                  }

                  @Override
                  public long expireAfterUpdate(String key, Entry entry, long now, long current) {
                    return Math.max(0, entry.expiresAt - now);
                  }

                  @Override
                  public long expireAfterRead(String key, Entry entry, long now, long current) {
                    return current;
                  }
                })
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

  /**
   * Opens the invalidation link with {@code connector} unless it is open or opening. Never blocks.
   */
  void open(Supplier<CompletableFuture<StatefulConnection<String, byte[]>>> connector) {
    link.open(connector);
  }

  /** Stops serving for good and closes the link (destroy-manager). */
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
    return store.getIfPresent(key) != null;
  }

  // ---- the store ----

  /** The stored text of {@code key} (as stored, namespace included), or {@code null}. */
  byte[] hit(String key) {
    if (!serving || !link.isFresh()) {
      return null;
    }
    Entry entry = store.getIfPresent(key);
    if (entry == null || entry.expiresAt - System.nanoTime() <= 0) {
      misses.increment();
      return null;
    }
    hits.increment();
    return entry.json;
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
   * Stores what the read of {@code ticket} found: {@code json} ({@code null}: nothing) and the
   * key's remaining time to live in milliseconds ({@code PTTL}: -1 none, -2 gone), unless something
   * invalidated the key or the link since the ticket was taken.
   */
  void fill(Ticket ticket, String key, byte[] json, Long pttl) {
    if (ticket == null || json == null || pttl == null || pttl == -2 || pttl == 0) {
      return;
    }
    long life = pttl < 0 ? maxTtlNanos : Math.min(maxTtlNanos, TimeUnit.MILLISECONDS.toNanos(pttl));
    Entry entry = new Entry(json, ticket.sentAt() + life); // from the send: never later than Redis
    if (!valid(ticket)) {
      return;
    }
    store.put(key, entry);
    if (!valid(ticket)) { // an invalidation raced the put: it may have missed the entry
      store.asMap().remove(key, entry);
    }
  }

  private boolean valid(Ticket ticket) {
    return serving
        && epoch.get() == ticket.epoch()
        && generations.get(ticket.stripe()) == ticket.generation();
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

  /** Reads that went to the server while serving. */
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
        + " misses)";
  }
}
