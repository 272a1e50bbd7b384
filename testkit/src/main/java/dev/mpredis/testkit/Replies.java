package dev.mpredis.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading the replies the kit's topologies parse: {@code INFO} fields and RESP2 field lists. */
final class Replies {

  private Replies() {}

  /** The value of {@code name} in an {@code INFO} or {@code CLUSTER INFO} reply. */
  static Optional<String> infoField(Object info, String name) {
    for (String line : String.valueOf(info).split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return Optional.of(line.substring(name.length() + 1).trim());
      }
    }
    return Optional.empty();
  }

  /** A flat {@code [field, value, field, value, ...]} array (Sentinel replies) as a map. */
  static Map<String, String> fields(Object reply) {
    List<?> items = (List<?>) reply;
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < items.size(); i += 2) {
      map.put(String.valueOf(items.get(i)), String.valueOf(items.get(i + 1)));
    }
    return map;
  }

  /** An array of flat field arrays (for example {@code SENTINEL replicas}) as maps. */
  static List<Map<String, String>> fieldList(Object reply) {
    List<Map<String, String>> maps = new ArrayList<>();
    for (Object item : (List<?>) reply) {
      maps.add(fields(item));
    }
    return maps;
  }
}
