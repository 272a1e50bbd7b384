package dev.mpredis.cli;

import dev.mpredis.machine.Machine;
import dev.mpredis.redis.Redis;
import java.util.Iterator;
import java.util.stream.Collectors;

/** The identities of the pack's machines, for completion and for messages. */
final class MachineNames implements Iterable<String> {

  @Override
  public Iterator<String> iterator() {
    return Redis.PACK.machines().stream().map(Machine::identity).iterator();
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

  /** Every identity, comma-separated, in declaration order. */
  static String joined() {
    return Redis.PACK.machines().stream().map(Machine::identity).collect(Collectors.joining(", "));
  }
}
