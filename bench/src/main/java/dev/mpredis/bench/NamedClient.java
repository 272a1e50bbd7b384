package dev.mpredis.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A client kind the benchmarks name: by its id in the JMH {@code client} parameter and the report.
 */
interface NamedClient {

  /** The name used in {@code @Param} and in the report. */
  String id();

  /**
   * The kind of {@code kinds} named {@code id}.
   *
   * @throws IllegalArgumentException if none has that name, listing the names there are
   */
  static <E extends Enum<E> & NamedClient> E byId(Class<E> kinds, String id) {
    for (E kind : kinds.getEnumConstants()) {
      if (kind.id().equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "client was set to "
            + id
            + ", must be one of "
            + Arrays.stream(kinds.getEnumConstants())
                .map(NamedClient::id)
                .collect(Collectors.joining(", ")));
  }
}
