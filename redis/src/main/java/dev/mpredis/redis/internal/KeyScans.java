package dev.mpredis.redis.internal;

import dev.mpredis.redis.KeyPage;
import io.lettuce.core.ScanArgs;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A listing of keys by SCAN (never KEYS) that never cuts a SCAN reply: a reply whose keys would
 * take the listing beyond its limit is left for the next call (unless it is the call's first reply,
 * which is taken whole so that every call makes progress), and the cursor returned is the one after
 * the last reply taken. Each reply asks COUNT min(pageSize, room left).
 */
public final class KeyScans {

  private KeyScans() {}

  /**
   * Lists the keys matching {@code pattern} under {@code namespace} ({@code null}: none), from
   * {@code cursor}, stopping near {@code limit}; keys are returned without the namespace, and the
   * cursor to continue from ({@code null}: finished).
   */
  public static CompletionStage<KeyPage> list(
      Lease lease, String namespace, String pattern, int limit, int pageSize, String cursor) {
    String match = Namespaces.scanPattern(namespace, pattern);
    int prefix = namespace == null ? 0 : namespace.length();
    return new Listing(lease, prefix, match, limit, pageSize).from(cursor, true);
  }

  /**
   * One call's listing: the keys found so far, each once. Confined to the call's chain of steps.
   */
  private static final class Listing {
    private final Lease lease;
    private final int prefix;
    private final String match;
    private final int limit;
    private final int pageSize;
    private final Set<String> found = new LinkedHashSet<>();

    Listing(Lease lease, int prefix, String match, int limit, int pageSize) {
      this.lease = lease;
      this.prefix = prefix;
      this.match = match;
      this.limit = limit;
      this.pageSize = pageSize;
    }

    CompletionStage<KeyPage> from(String cursor, boolean first) {
      ScanArgs args =
          ScanArgs.Builder.matches(match).limit(Math.min(pageSize, limit - found.size()));
      return ScanSteps.step(lease, cursor, args)
          .thenCompose(
              page -> {
                Set<String> fresh = new LinkedHashSet<>();
                for (String key : page.texts()) {
                  String unprefixed = key.substring(prefix);
                  if (!found.contains(unprefixed)) {
                    fresh.add(unprefixed);
                  }
                }
                if (!first && found.size() + fresh.size() > limit) {
                  return done(cursor);
                }
                found.addAll(fresh);
                if (page.next() == null || found.size() >= limit) {
                  return done(page.next());
                }
                return from(page.next(), false);
              });
    }

    private CompletionStage<KeyPage> done(String cursor) {
      return CompletableFuture.completedFuture(new KeyPage(List.copyOf(found), cursor));
    }
  }
}
