package dev.mpredis.machine;

import java.util.Optional;

/**
 * The declaration of one exit, read from an exit record and its {@link ExitDoc}.
 *
 * @param name the exit's name, for example {@code notFound}
 * @param description when the machine takes it
 * @param outputName the name of its output ({@code value}, {@code error}, ...), empty if none
 * @param outputType the output's type name in the reference, empty if none
 * @param outputExample an example of the output as JSON text, empty if none
 */
public record ExitSpec(
    String name, String description, String outputName, String outputType, String outputExample) {

  /** The output's name, if the exit has an output. */
  public Optional<String> output() {
    return outputName.isEmpty() ? Optional.empty() : Optional.of(outputName);
  }
}
