package dev.mpredis.redis;

import java.util.List;
import java.util.Objects;

/**
 * What {@code list-keys} found: keys, without the manager's namespace, and where to continue.
 * Immutable.
 *
 * @param keys the keys found, each once, in the order the server returned them
 * @param cursor where a next call continues (its {@code cursor} input), or {@code null} when the
 *     listing is finished
 */
public record KeyPage(List<String> keys, String cursor) {

  public KeyPage {
    keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
  }

  /** Whether the listing is finished: there is nothing to continue. */
  public boolean finished() {
    return cursor == null;
  }
}
