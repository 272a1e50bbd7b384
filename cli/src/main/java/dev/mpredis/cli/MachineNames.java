package dev.mpredis.cli;

import dev.mpredis.machine.Machine;
import dev.mpredis.redis.Redis;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The identities of the pack's machines, for completion, lookup and messages. */
final class MachineNames implements Iterable<String> {

  /** The most names a "did you mean" offers. */
  static final int MAX_SUGGESTIONS = 4;

  @Override
  public Iterator<String> iterator() {
    return identities().iterator();
  }

  /** The identities of the machines whose spec says they need a dedicated connection. */
  static final class NeedingDedicatedConnection implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Redis.PACK.machines().stream()
          .filter(m -> m.spec().needsDedicatedConnection())
          .map(Machine::identity)
          .iterator();
    }
  }

  /**
   * The machine named {@code name}.
   *
   * @throws UsageException if there is none: offering the closest names, else listing them all
   */
  static Machine<?, ?> find(String name) {
    return Redis.PACK.find(name).orElseThrow(() -> new UsageException(unknown(name)));
  }

  private static String unknown(String name) {
    String close = didYouMean(closest(name, identities()));
    return close.isEmpty()
        ? "no machine '" + name + "'; machines: " + joined()
        : "no machine '" + name + "'" + close + "; mp-redis list shows every machine";
  }

  /** {@code " (did you mean a or b?)"}, or empty when there is nothing to offer. */
  static String didYouMean(List<String> names) {
    return names.isEmpty() ? "" : " (did you mean " + String.join(" or ", names) + "?)";
  }

  /** Every identity, in declaration order. */
  static List<String> identities() {
    return Redis.PACK.machines().stream().map(Machine::identity).collect(Collectors.toList());
  }

  /** Every identity, comma-separated, in declaration order. */
  static String joined() {
    return String.join(", ", identities());
  }

  /**
   * The names {@code typed} is most likely a typo of, nearest first, at most {@value
   * #MAX_SUGGESTIONS}: those within a few edits (one per four characters typed, at least one, at
   * most two; a swap of neighbours is one edit), else those that contain it (when it has three
   * characters or more). Case is ignored.
   */
  static List<String> closest(String typed, Collection<String> names) {
    String wanted = typed.toLowerCase(Locale.ROOT);
    int allowed = Math.max(1, Math.min(2, wanted.length() / 4));
    List<String> near = new ArrayList<>();
    for (String name : names) {
      if (distance(wanted, name.toLowerCase(Locale.ROOT)) <= allowed) {
        near.add(name);
      }
    }
    near.sort(Comparator.comparingInt(n -> distance(wanted, n.toLowerCase(Locale.ROOT))));
    if (near.isEmpty() && wanted.length() >= 3) {
      for (String name : names) {
        if (name.toLowerCase(Locale.ROOT).contains(wanted)) {
          near.add(name);
        }
      }
    }
    return near.size() > MAX_SUGGESTIONS ? near.subList(0, MAX_SUGGESTIONS) : near;
  }

  /** Edits from {@code a} to {@code b}: insertions, deletions, changes, swaps of neighbours. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + change);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
