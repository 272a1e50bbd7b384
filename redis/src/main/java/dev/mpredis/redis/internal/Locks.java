package dev.mpredis.redis.internal;

import dev.mpredis.machine.InvalidInputException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * What the lock machines share: the token, the input rules and the holder-only scripts. The scripts
 * are constants; the key is passed as KEYS[1], the token and the ttl as ARGV, so nothing a caller
 * gives becomes script text. Stateless and thread-safe.
 */
public final class Locks {

  /** Shortest and longest lock ttl, in milliseconds: 1 ms to 24 hours. */
  public static final long MIN_TTL_MILLIS = 1, MAX_TTL_MILLIS = 24L * 60 * 60 * 1000;

  /** Longest wait for a lock, in milliseconds: 60 seconds. */
  public static final long MAX_WAIT_MILLIS = 60_000;

  /** Longest accepted token, in characters (ours have 32). */
  public static final int MAX_TOKEN_LENGTH = 1024;

  /** Deletes KEYS[1] if it holds ARGV[1]: 1 if deleted, 0 if not held. */
  static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1])"
          + " else return 0 end";

  /** Sets KEYS[1] to expire in ARGV[2] ms if it holds ARGV[1]: 1 if extended, 0 if not held. */
  static final String EXTEND =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1],"
          + " ARGV[2]) else return 0 end";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Locks() {}

  /** A new token: 128 random bits from {@link SecureRandom}, as 32 lower-case hex digits. */
  public static String newToken() {
    byte[] bits = new byte[16];
    RANDOM.nextBytes(bits);
    return HexFormat.of().formatHex(bits);
  }

  /** A lock ttl in milliseconds: required, {@value #MIN_TTL_MILLIS} to {@value #MAX_TTL_MILLIS}. */
  public static long ttl(String input, Long ttl) {
    Checks.required(input, ttl);
    if (ttl < MIN_TTL_MILLIS || ttl > MAX_TTL_MILLIS) {
      throw new InvalidInputException(
          input,
          "was set to " + ttl + ", must be from 1 to " + MAX_TTL_MILLIS + " milliseconds (24 h)");
    }
    return ttl;
  }

  /** A wait in milliseconds: absent means 0 (try once), at most {@value #MAX_WAIT_MILLIS}. */
  public static long waitMillis(String input, Long wait) {
    if (wait == null) {
      return 0;
    }
    if (wait < 0 || wait > MAX_WAIT_MILLIS) {
      throw new InvalidInputException(
          input, "was set to " + wait + ", must be from 0 (try once) to 60000 milliseconds");
    }
    return wait;
  }

  /** A token: present, non-empty, valid Unicode, at most {@value #MAX_TOKEN_LENGTH} characters. */
  public static String token(String input, String token) {
    Checks.key(input, token);
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new InvalidInputException(
          input,
          "is "
              + token.length()
              + " characters long, at most "
              + MAX_TOKEN_LENGTH
              + " are allowed");
    }
    return token;
  }

  /** Runs {@link #RELEASE} for {@code key} (as stored): whether the holder's lock was deleted. */
  public static CompletionStage<Boolean> release(Lease lease, String key, String token) {
    return holderOnly(lease, RELEASE, key, bytes(token));
  }

  /** Runs {@link #EXTEND} for {@code key} (as stored): whether the holder's lock was extended. */
  public static CompletionStage<Boolean> extend(Lease lease, String key, String token, long ttl) {
    return holderOnly(lease, EXTEND, key, bytes(token), bytes(Long.toString(ttl)));
  }

  /** The token as the value stored under the lock's key. */
  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static CompletionStage<Boolean> holderOnly(
      Lease lease, String script, String key, byte[]... args) {
    CompletionStage<Long> reply =
        NearReads.forgetOnReply(
            lease,
            key,
            lease.commands().eval(script, ScriptOutputType.INTEGER, new String[] {key}, args));
    return reply.thenApply(n -> n != null && n == 1L);
  }

  /**
   * rate-limit's fixed window, in one script: take {@code cost} of {@code limit} tokens if they are
   * all there (a denied call takes nothing), start the window's expiry on the first take; answers
   * {allowed, remaining, retry after ms}.
   */
  public static final String RATE_LIMIT =
      "local limit, cost, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])\n"
          + "local stored = redis.call('GET', KEYS[1])\n"
          + "local used = 0\n"
          + "if stored then\n"
          + "  used = tonumber(stored)\n"
          + "  if not used then return redis.error_reply('ERR the key does not hold a count') end\n"
          + "end\n"
          + "if used + cost <= limit then\n"
          + "  used = redis.call('INCRBY', KEYS[1], cost)\n"
          + "  if not stored or redis.call('PTTL', KEYS[1]) < 0 then\n"
          + "    redis.call('PEXPIRE', KEYS[1], window)\n"
          + "  end\n"
          + "  return {1, limit - used, 0}\n"
          + "end\n"
          + "local left = redis.call('PTTL', KEYS[1])\n"
          + "if left < 0 then redis.call('PEXPIRE', KEYS[1], window); left = window end\n"
          + "return {0, math.max(limit - used, 0), left}\n";

  /** The first pause between tries while another holder has the lock, and the longest. */
  static final long FIRST_BACKOFF_MILLIS = 10, MAX_BACKOFF_MILLIS = 200;

  /**
   * Tries {@code SET name token NX PX ttl} until it takes or {@code maxWaitMillis} has passed,
   * pausing off-thread between tries (10 ms, doubling to 200 ms; a last try at the deadline).
   *
   * @return whether the lock was taken; failed with a try's failure
   */
  public static CompletableFuture<Boolean> acquire(
      Lease lease, String name, String token, long ttlMillis, long maxWaitMillis) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
    tryOnce(
        lease,
        lease.key(name),
        bytes(token),
        SetArgs.Builder.nx().px(ttlMillis),
        deadline,
        FIRST_BACKOFF_MILLIS,
        done);
    return done;
  }

  private static void tryOnce(
      Lease lease,
      String key,
      byte[] token,
      SetArgs args,
      long deadline,
      long backoff,
      CompletableFuture<Boolean> done) {
    NearReads.forgetOnReply(lease, key, lease.commands().set(key, token, args))
        .whenComplete(
            (reply, failure) -> {
              long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
              if (failure != null) {
                done.completeExceptionally(failure);
              } else if ("OK".equals(reply) || left <= 0) {
                done.complete("OK".equals(reply));
              } else {
                CompletableFuture.delayedExecutor(Math.min(backoff, left), TimeUnit.MILLISECONDS)
                    .execute(
                        () ->
                            tryOnce(
                                lease,
                                key,
                                token,
                                args,
                                deadline,
                                Math.min(backoff * 2, MAX_BACKOFF_MILLIS),
                                done));
              }
            });
  }
}
