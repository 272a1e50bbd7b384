package dev.mpredis.bench.clients;

import dev.mpredis.bench.Dataset;
import java.util.List;

/** Splits the bulk workload into MSET/MGET batches of {@link Dataset#BATCH} keys. */
final class Batches {

  private Batches() {}

  /** Checks that keys and values pair up. */
  static void requireSameSize(List<String> keys, List<?> values) {
    if (keys.size() != values.size()) {
      throw new IllegalArgumentException(
          "keys and values have " + keys.size() + " and " + values.size() + " elements");
    }
  }

  /** The end (exclusive) of the batch starting at {@code from}. */
  static int end(int from, int size) {
    return Math.min(from + Dataset.BATCH, size);
  }
}
