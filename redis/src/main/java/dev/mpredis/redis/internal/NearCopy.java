package dev.mpredis.redis.internal;

/**
 * A stored text, when it must be gone ({@link System#nanoTime()}), and whether a read has found it
 * well-formed: JSON without a duplicate key or trailing text. That depends on the text alone, so
 * later hits may skip those checks ({@link JsonValues#decode(String, NearCopy,
 * com.fasterxml.jackson.databind.JavaType)}), which are about a third of a hit's decoding.
 * Thread-safe: the flag is set racily, on purpose, since a reader that sees it unset only checks
 * once more. Public only so that machines can hand a hit to {@link JsonValues}.
 */
public final class NearCopy {
  final byte[] json;
  final long expiresAt;
  private boolean wellFormed;

  NearCopy(byte[] json, long expiresAt) {
    this.json = json;
    this.expiresAt = expiresAt;
  }

  /** Whether a read has found the text well-formed. */
  boolean isWellFormed() {
    return wellFormed;
  }

  /** Records that a read, with every check, found the text well-formed. */
  void wellFormed() {
    wellFormed = true;
  }
}
