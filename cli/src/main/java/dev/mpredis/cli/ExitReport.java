package dev.mpredis.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpredis.machine.Exit;
import dev.mpredis.machine.MachineError;
import dev.mpredis.machine.MachineSpec;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import dev.mpredis.redis.Values;
import java.io.PrintWriter;

/**
 * Prints the exit a machine took. For humans: {@code exit: success} and then the output ({@code
 * value: "things"}) or the report ({@code error: CODE: message}). With {@code --json}, one object
 * per run: {@code {"machine":"get-cached-value","exit":"success","output":"things"}}, or for an
 * exit with a report {@code {"machine":...,"exit":"failed","error":{"code":...,"message":...}}};
 * {@code "step"} names the lifecycle machine (create-manager, get-connection) when that one stopped
 * the run. Outputs are JSON; managers and connections show as their credential-free descriptions.
 * Everything goes through the run's {@link Redaction}.
 */
final class ExitReport {

  private static final ObjectMapper JSON = Values.jsonMapper();

  private final PrintWriter out;
  private final boolean json;
  private final Redaction redaction;

  ExitReport(PrintWriter out, boolean json, Redaction redaction) {
    this.out = out;
    this.json = json;
    this.redaction = redaction;
  }

  /**
   * Prints {@code exit}, the exit {@code step} took while running {@code machine} ({@code step} is
   * the machine itself, or a lifecycle machine mp-redis ran for it).
   */
  void print(MachineSpec machine, String step, Exit<?> exit) {
    JsonNode output = null;
    String outputName = null;
    MachineError error = exit instanceof Exit.Failed failed ? failed.error() : null;
    if (error == null && exit.output() != null) {
      output = redaction.tree(toTree(exit.output()));
      outputName = machine.identity().equals(step) ? outputName(machine, exit) : "output";
    }
    if (json) {
      ObjectNode line = JsonNodeFactory.instance.objectNode();
      line.put("machine", machine.identity());
      if (!machine.identity().equals(step)) {
        line.put("step", step);
      }
      line.put("exit", exit.exitName());
      if (error != null) {
        ObjectNode report = line.putObject("error");
        report.put("code", error.code().name());
        report.put("message", redaction.text(error.message()));
      } else {
        line.set("output", output == null ? JsonNodeFactory.instance.nullNode() : output);
      }
      out.println(write(line));
    } else {
      out.println(
          "exit: "
              + exit.exitName()
              + (machine.identity().equals(step) ? "" : " (in " + step + ", run for it)"));
      if (error != null) {
        out.println("error: " + error.code().name() + ": " + redaction.text(error.message()));
      } else if (output != null) {
        boolean asText = output.isTextual() && !"json".equals(outputType(machine, step, exit));
        out.println(outputName + ": " + (asText ? output.textValue() : write(output)));
      }
    }
    out.flush();
  }

  private static String outputName(MachineSpec machine, Exit<?> exit) {
    return machine.exit(exit.exitName()).flatMap(spec -> spec.output()).orElse("output");
  }

  /** The declared output type ({@code json}: shown as JSON text, strings with quotes). */
  private static String outputType(MachineSpec machine, String step, Exit<?> exit) {
    if (!machine.identity().equals(step)) {
      return "";
    }
    return machine.exit(exit.exitName()).map(spec -> spec.outputType()).orElse("");
  }

  /** The output as JSON; a manager or connection as its description (a JSON string). */
  static JsonNode toTree(Object output) {
    if (output instanceof Manager || output instanceof Connection) {
      return JsonNodeFactory.instance.textNode(output.toString());
    }
    try {
      return JSON.valueToTree(output);
    } catch (IllegalArgumentException e) {
      return JsonNodeFactory.instance.textNode(String.valueOf(output));
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }
}
