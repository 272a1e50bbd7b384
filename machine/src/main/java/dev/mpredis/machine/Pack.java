package dev.mpredis.machine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A named set of machines, looked up by identity. Immutable and thread-safe.
 *
 * <pre>{@code
 * Outcome outcome = pack.machine("get-cached-value").run(Map.of("connection", c, "key", "k"));
 * }</pre>
 */
public final class Pack {

  private final String name;
  private final String description;
  private final Map<String, Machine<?, ?>> machines;

  /**
   * A pack of {@code machines}, in the order given.
   *
   * @throws IllegalArgumentException if two machines share an identity
   */
  public Pack(String name, String description, List<? extends Machine<?, ?>> machines) {
    this.name = name;
    this.description = description;
    Map<String, Machine<?, ?>> byIdentity = new LinkedHashMap<>();
    for (Machine<?, ?> machine : machines) {
      if (byIdentity.put(machine.identity(), machine) != null) {
        throw new IllegalArgumentException("two machines are called " + machine.identity());
      }
    }
    this.machines = java.util.Collections.unmodifiableMap(byIdentity);
  }

  /** The pack's name, for example {@code mp-redis}. */
  public String name() {
    return name;
  }

  /** One sentence about the pack. */
  public String description() {
    return description;
  }

  /** Every machine, in declaration order. */
  public List<Machine<?, ?>> machines() {
    return List.copyOf(machines.values());
  }

  /** The machine with this identity, if there is one. */
  public Optional<Machine<?, ?>> find(String identity) {
    return Optional.ofNullable(machines.get(identity));
  }

  /**
   * The machine with this identity.
   *
   * @throws IllegalArgumentException if there is none; the message lists the identities there are
   */
  public Machine<?, ?> machine(String identity) {
    Machine<?, ?> machine = machines.get(identity);
    if (machine == null) {
      throw new IllegalArgumentException(
          "no machine '" + identity + "' in " + name + "; machines: " + machines.keySet());
    }
    return machine;
  }

  @Override
  public String toString() {
    return "Pack[" + name + ", " + machines.size() + " machines]";
  }
}
