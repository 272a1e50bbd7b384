package dev.mpredis.machine;

import java.util.List;
import java.util.Optional;

/**
 * The declaration of one exit, read from an exit record and its {@link ExitDoc}.
 *
 * @param name the exit's name, for example {@code notFound}
 * @param kind what kind of outcome it is: declared by {@link ExitDoc#kind()}, else by its name
 * @param description when the machine takes it
 * @param outputName the name of its output ({@code value}, {@code error}, ...), empty if none
 * @param outputType the output's type name in the reference, empty if none
 * @param outputExample an example of the output as JSON text, empty if none
 * @param outputShape how the dynamic face gives the output
 * @param reportFields the report's field names when the shape is {@link OutputShape#REPORT}, else
 *     empty
 */
public record ExitSpec(
    String name,
    ExitKind kind,
    String description,
    String outputName,
    String outputType,
    String outputExample,
    OutputShape outputShape,
    List<String> reportFields) {

  public ExitSpec {
    reportFields = List.copyOf(reportFields);
  }

  /** The output's name, if the exit has an output. */
  public Optional<String> output() {
    return outputName.isEmpty() ? Optional.empty() : Optional.of(outputName);
  }

  /**
   * The dynamic output in one phrase, for the references: {@code {value}} for a report, {@code url,
   * bare} for a bare output, {@code none}.
   */
  public String dynamicOutput() {
    return switch (outputShape) {
      case NONE -> "none";
      case BARE -> outputName + ", bare";
      case REPORT -> "{" + String.join(", ", reportFields) + "}";
    };
  }
}
