package dev.mpredis.redis.internal;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a {@link NearCache} hears invalidations: the manager's shared connection itself, with
 * {@code CLIENT TRACKING ON BCAST [PREFIX namespace] NOLOOP}, turned on again after every
 * reconnect, and a PING every {@link #HEARTBEAT} that proves the link still delivers. It tells its
 * near cache when tracking is on ({@link NearCache#tracking()}), when the link dropped ({@link
 * NearCache#untracked()}) and what the server invalidated. Thread-safe; never blocks.
 *
 * <p>Why the shared connection and not a link of its own: the near cache's reads go on it, so an
 * invalidation and a reply arrive in the order the server made them; and with {@code NOLOOP} the
 * server does not push this connection's own writes back to it, so a write's reply can store the
 * written text ({@link NearCache#written}) instead of a push throwing it away a moment later. The
 * price: every write sent on the shared connection must tell the near cache itself, which the
 * machines do ({@link NearReads}).
 */
final class TrackingLink {
  private static final Duration RETRY = Duration.ofMillis(10);

  /** How often the link is asked for a PING while serving. */
  static final Duration HEARTBEAT = Duration.ofMillis(100);

  /**
   * The most a served copy may lag behind the link: a hit needs a PING answered on the link that
   * was sent within this time, so every invalidation sent before it has been applied. A link that
   * goes silent without closing (a black hole, a half-open peer) stops serving within this time.
   */
  static final Duration FRESHNESS = Duration.ofSeconds(1);

  private final NearCache cache;
  private final String prefix;
  private final Object changes = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong answeredPing = new AtomicLong(System.nanoTime() - FRESHNESS.toNanos());
  private volatile boolean tracking;
  private long downs; // guarded by changes
  private volatile StatefulRedisConnection<String, byte[]> link;

  TrackingLink(NearCache cache, String prefix) {
    this.cache = cache;
    this.prefix = prefix;
  }

  /**
   * Listens on {@code connection} (the manager's shared connection, just connected) and turns
   * tracking on; only the first connection given is used.
   */
  void attach(StatefulConnection<String, byte[]> connection) {
    @SuppressWarnings("unchecked") // a standalone or sentinel client's connection
    StatefulRedisConnection<String, byte[]> single =
        (StatefulRedisConnection<String, byte[]>) connection;
    synchronized (changes) {
      if (link != null || closed.get()) {
        return;
      }
      link = single;
    }
    single.addListener(this::onPush);
    single.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisConnected(RedisChannelHandler<?, ?> c, SocketAddress a) {}

          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> c) {
            down();
          }
        });
    enable(currentDowns());
    heartbeat();
  }

  /**
   * Every {@link #HEARTBEAT}, one PING at a time on the link; its answer proves every invalidation
   * sent before it has arrived (one link, in order), which is what {@link #isFresh} checks.
   */
  private void heartbeat() {
    if (closed.get()) {
      return;
    }
    StatefulRedisConnection<String, byte[]> current = link;
    long sent = System.nanoTime();
    CompletionStage<?> ping =
        tracking && current.isOpen()
            ? current.async().ping()
            : CompletableFuture.completedFuture(null);
    ping.whenComplete(
        (pong, failure) -> {
          if (failure == null && pong != null) {
            answeredPing.accumulateAndGet(sent, (a, b) -> a - b < 0 ? b : a);
          }
          CompletableFuture.delayedExecutor(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS)
              .execute(this::heartbeat);
        });
  }

  /** Whether the link answered a PING sent at or after {@code nanoTime}. */
  boolean caughtUpWith(long nanoTime) {
    return answeredPing.get() - nanoTime >= 0;
  }

  /** Whether the link answered a PING sent within {@link #FRESHNESS}. */
  boolean isFresh() {
    return System.nanoTime() - answeredPing.get() <= FRESHNESS.toNanos();
  }

  /**
   * Turns tracking on for the link as it is after {@code expectedDowns} drops, retrying while it is
   * down; the near cache serves once the server said OK and the link has not dropped since.
   */
  private void enable(long expectedDowns) {
    StatefulRedisConnection<String, byte[]> current = link;
    if (closed.get() || current == null || currentDowns() != expectedDowns) {
      return; // the drop that changed the count started its own enable
    }
    if (!current.isOpen()) {
      retry(expectedDowns);
      return;
    }
    TrackingArgs args = TrackingArgs.Builder.enabled().bcast().noloop();
    if (prefix != null) {
      args.prefixes(prefix);
    }
    current
        .async()
        .clientTracking(args)
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                retry(expectedDowns); // rejected while reconnecting, timed out, ...
              } else {
                up(expectedDowns);
              }
            });
  }

  private void retry(long expectedDowns) {
    CompletableFuture.delayedExecutor(RETRY.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> enable(expectedDowns));
  }

  private long currentDowns() {
    synchronized (changes) {
      return downs;
    }
  }

  private void up(long expectedDowns) {
    synchronized (changes) {
      if (downs != expectedDowns || closed.get()) {
        return;
      }
      tracking = true;
      cache.tracking();
    }
  }

  /** The link dropped: the cache stops serving and forgets; tracking goes on again once back. */
  private void down() {
    long expected;
    synchronized (changes) {
      tracking = false;
      expected = ++downs;
      cache.untracked();
    }
    enable(expected);
  }

  private void onPush(PushMessage message) {
    if (!"invalidate".equals(message.getType())) {
      return;
    }
    List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
    Object keys = content.size() > 1 ? content.get(1) : null;
    if (keys instanceof List<?> list) {
      for (Object key : list) {
        cache.invalidate(String.valueOf(key));
      }
    } else {
      cache.clear(); // FLUSHDB, FLUSHALL: the server names no keys
    }
  }

  /**
   * Stops for good: the cache stops serving and forgets. The connection is the manager's, which
   * closes it.
   */
  void close() {
    closed.set(true);
    synchronized (changes) {
      tracking = false;
      cache.untracked();
    }
  }
}
