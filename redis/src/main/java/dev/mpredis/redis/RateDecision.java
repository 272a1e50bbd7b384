package dev.mpredis.redis;

/**
 * What {@code rate-limit} decided for one call. Immutable.
 *
 * @param allowed whether the tokens asked for were taken (the caller may go ahead)
 * @param remaining tokens left in the current window after this call, 0 or more
 * @param retryAfter milliseconds until the window ends and tokens can be taken again; 0 when
 *     allowed
 */
public record RateDecision(boolean allowed, long remaining, long retryAfter) {}
