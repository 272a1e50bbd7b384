package dev.mpredis.machine;

import java.util.List;
import java.util.Optional;

/**
 * Everything a machine declares about itself: the one source that the typed API, dynamic
 * invocation, the generated reference and the command line all read.
 *
 * @param identity the stable kebab-case identity, for example {@code get-cached-value}
 * @param friendlyName a short human name, for example {@code Get cached value}
 * @param description one sentence
 * @param extendedDescription more detail (may be empty)
 * @param sideEffects what running it does besides computing a result
 * @param connection what kind of connection it needs ({@link Describe#connection()})
 * @param inputs the inputs, in declaration order
 * @param exits the exits, {@code success} first and {@code error} last
 */
public record MachineSpec(
    String identity,
    String friendlyName,
    String description,
    String extendedDescription,
    SideEffects sideEffects,
    ConnectionNeed connection,
    List<InputSpec> inputs,
    List<ExitSpec> exits) {

  public MachineSpec {
    inputs = List.copyOf(inputs);
    exits = List.copyOf(exits);
  }

  /**
   * Whether the machine needs a dedicated connection, one not shared with other callers ({@link
   * ConnectionNeed#DEDICATED}): whoever provides its connection leases a dedicated one, and the
   * pack refuses a shared one.
   */
  public boolean needsDedicatedConnection() {
    return connection == ConnectionNeed.DEDICATED;
  }

  /** The input called {@code name}, if declared. */
  public Optional<InputSpec> input(String name) {
    return inputs.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  /** The exit called {@code name}, if declared. */
  public Optional<ExitSpec> exit(String name) {
    return exits.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
