package dev.mpredis.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.MachineSpec;
import dev.mpredis.machine.Outcome;
import dev.mpredis.machine.StandardErrorCode;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Values;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Prints the exit a machine took. For humans: {@code exit: success} and then each field of the
 * output ({@code value: "things"}) or the report ({@code error: CODE: message}). With {@code
 * --json}, one object per run whose {@code "output"} is the machine's dynamic output ({@link
 * Outcome#output()}), in the original's shapes: {@code
 * {"machine":"get-cached-value","exit":"success","output":{"value":"things"}}}, {@code
 * "output":null} for an exit without output, {@code "output":"redis://..."} for the bare URL of
 * create-connection-url. An exit with a report also has {@code "error":{"code":...,"message":...}}
 * at the top (the same report, where scripts find it for every exit); {@code "step"} names the
 * lifecycle machine (create-manager, get-connection) when that one stopped the run. Outputs are
 * JSON; managers and connections show as their credential-free descriptions, reports as {@code
 * {"code":...,"message":...}}. Everything goes through the run's {@link Redaction}, except the
 * output when the user asked to see it whole ({@code --reveal}). A usage error prints, with {@code
 * --json}, as a line of the same shape: {@code {"machine":...,"exit":"usageError","output":null,
 * "error":{"code":"INVALID_INPUT","message":...}}}; a failure of the command itself as {@code
 * {"machine":...,"exit":"commandFailure","output":null,"error":{"code":"UNEXPECTED",...}}}.
 */
final class ExitReport {

  /** The {@code "exit"} of a usage error's JSON line: no machine has an exit of this name. */
  static final String USAGE_ERROR = "usageError";

  /**
   * The {@code "exit"} of the JSON line of a failure of the command itself (not of the machine: a
   * bug, an error of the JVM): no machine has an exit of this name.
   */
  static final String COMMAND_FAILURE = "commandFailure";

  /** Writes the flat lines of the command line itself (Jackson's streaming API alone). */
  private static final JsonFactory FLAT = new JsonFactory();

  private final PrintWriter out;
  private final boolean json;
  private final Redaction redaction;
  private final boolean revealOutput;

  /**
   * A report on {@code out}, as JSON or for humans; {@code revealOutput} prints the output unmasked
   * (the report of an error exit stays masked).
   */
  ExitReport(PrintWriter out, boolean json, Redaction redaction, boolean revealOutput) {
    this.out = out;
    this.json = json;
    this.redaction = redaction;
    this.revealOutput = revealOutput;
  }

  /**
   * Prints a usage error as the one JSON line of a run ({@code machine} may be null), with {@link
   * #USAGE_ERROR} for the exit and the error code of invalid input.
   */
  static void printUsageError(PrintWriter out, String machine, String message) {
    printCommandLine(out, machine, USAGE_ERROR, StandardErrorCode.INVALID_INPUT, message);
  }

  /**
   * Prints a failure of the command itself (a bug, an error of the JVM) as the one JSON line of a
   * run ({@code machine} may be null), with {@link #COMMAND_FAILURE} for the exit and the error
   * code of an unexpected failure.
   */
  static void printCommandFailure(PrintWriter out, String machine, String message) {
    printCommandLine(out, machine, COMMAND_FAILURE, StandardErrorCode.UNEXPECTED, message);
  }

  /** The JSON line of the command line itself: no machine exit, no output, an error report. */
  private static void printCommandLine(
      PrintWriter out, String machine, String exit, StandardErrorCode code, String message) {
    // Written field by field, without the mapper: a usage error stays as quick as it can be.
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FLAT.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("machine", machine);
      json.writeStringField("exit", exit);
      json.writeNullField("output");
      json.writeObjectFieldStart("error");
      json.writeStringField("code", code.name());
      json.writeStringField("message", message);
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a JSON line could not be written", e);
    }
    out.println(text);
    out.flush();
  }

  /**
   * Prints {@code exit}, the exit {@code step} took while running {@code machine} ({@code step} is
   * the machine itself, or a lifecycle machine mp-redis ran for it).
   */
  void print(MachineSpec machine, String step, Exit<?> exit) {
    Object shaped = Outcome.of(exit).output();
    JsonNode output = revealOutput ? toTree(shaped) : redaction.tree(toTree(shaped));
    MachineError error = exit instanceof Exit.Failed failed ? failed.error() : null;
    if (json) {
      ObjectNode line = JsonNodeFactory.instance.objectNode();
      line.put("machine", machine.identity());
      if (!machine.identity().equals(step)) {
        line.put("step", step);
      }
      line.put("exit", exit.exitName());
      line.set("output", output);
      if (error != null) {
        line.set("error", redaction.tree(toTree(error)));
      }
      out.println(write(line));
    } else {
      out.println(
          "exit: "
              + exit.exitName()
              + (machine.identity().equals(step) ? "" : " (in " + step + ", run for it)"));
      if (error != null) {
        out.println("error: " + error.code().name() + ": " + redaction.text(error.message()));
      } else if (shaped instanceof Map<?, ?> && output.isObject()) {
        boolean quoted = isJson(machine, step, exit);
        output
            .fields()
            .forEachRemaining(f -> out.println(f.getKey() + ": " + human(f.getValue(), quoted)));
      } else if (!output.isNull()) {
        String name = outputName(machine, step, exit);
        out.println(name + ": " + human(output, isJson(machine, step, exit)));
      }
    }
    out.flush();
  }

  /** A string as its text, unless {@code quoted}; anything else as JSON. */
  private static String human(JsonNode value, boolean quoted) {
    return value.isTextual() && !quoted ? value.textValue() : write(value);
  }

  /** Whether the output is declared JSON data (shown as JSON text, strings with quotes). */
  private static boolean isJson(MachineSpec machine, String step, Exit<?> exit) {
    return machine.identity().equals(step)
        && machine.exit(exit.exitName()).map(spec -> spec.outputType()).orElse("").equals("json");
  }

  private static String outputName(MachineSpec machine, String step, Exit<?> exit) {
    if (!machine.identity().equals(step)) {
      return "output";
    }
    return machine.exit(exit.exitName()).flatMap(spec -> spec.output()).orElse("output");
  }

  /**
   * The output as JSON: a report map field by field, a manager or connection as its description (a
   * JSON string), an error report as {@code {"code":...,"message":...}}.
   */
  static JsonNode toTree(Object output) {
    if (output == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (output instanceof Manager || output instanceof Connection) {
      return JsonNodeFactory.instance.textNode(output.toString());
    }
    if (output instanceof MachineError error) {
      ObjectNode report = JsonNodeFactory.instance.objectNode();
      report.put("code", error.code().name());
      report.put("message", error.message());
      return report;
    }
    if (output instanceof Map<?, ?> map) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      map.forEach((name, value) -> object.set(String.valueOf(name), toTree(value)));
      return object;
    }
    try {
      return Mapper.JSON.valueToTree(output);
    } catch (IllegalArgumentException e) {
      return JsonNodeFactory.instance.textNode(String.valueOf(output));
    }
  }

  private static String write(JsonNode node) {
    try {
      return Mapper.JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /**
   * Jackson's mapper, made when first needed: its class takes a tenth of a second to set up, which
   * a run that prints no JSON value (a usage error, a text report without a value) never pays.
   */
  static final class Mapper {
    static final ObjectMapper JSON = Values.jsonMapper();

    private Mapper() {}
  }
}
