package dev.mpredis.machine;

/** What running a machine does besides computing its result, as machinepack declared it. */
public enum SideEffects {
  /** No side effects and the same inputs give the same result: the result may be cached. */
  CACHEABLE,
  /** Running it twice with the same inputs has the same effect as running it once. */
  IDEMPOTENT,
  /** It changes something, and running it again may change it again. */
  NONE
}
