package dev.mpredis.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mpredis.machine.InputSpec;
import dev.mpredis.machine.MachineSpec;
import dev.mpredis.redis.Connection;
import dev.mpredis.redis.Manager;
import java.io.PrintWriter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Turns {@code --input NAME=VALUE}, {@code --input-env NAME=VARIABLE} and {@code --inputs-json}
 * into the map a machine runs with, reading the machine's declaration: a string input takes the
 * text as it is; every other input (number, boolean, list, dictionary, json) takes JSON text. Types
 * are then checked by the machine itself, which names the input.
 */
final class InputValues {

  private final MachineSpec spec;
  private final Invocation invocation;
  private final PrintWriter err;
  private final Map<String, Object> values = new LinkedHashMap<>();

  InputValues(MachineSpec spec, Invocation invocation, PrintWriter err) {
    this.spec = spec;
    this.invocation = invocation;
    this.err = err;
  }

  /** Whether mp-redis provides this input itself (a manager, a connection, a callback). */
  static boolean isProvided(InputSpec input) {
    Class<?> raw = raw(input.javaType());
    return raw == Manager.class || raw == Connection.class || raw == Consumer.class;
  }

  /** Whether the input takes its text as it is (a string) rather than JSON. */
  static boolean isPlainString(InputSpec input) {
    return raw(input.javaType()) == String.class;
  }

  /**
   * The inputs, by name. Secrets (the values of sensitive inputs, the passwords of connection
   * strings) are registered for masking; a warning is printed for each one given on the command
   * line itself ({@code --input}, {@code --inputs-json}), none for one read from the environment.
   *
   * @throws UsageException naming the input when a value cannot be read
   */
  Map<String, Object> parse(List<String> pairs, List<String> environmentPairs, String json) {
    if (json != null) {
      fromJson(json);
    }
    for (String pair : pairs) {
      String[] nameValue = split(pair, "--input", "NAME=VALUE");
      InputSpec input = settable(nameValue[0]);
      Object value = text(input, nameValue[1]);
      registerSecrets(input, value, "--input " + input.name());
      put(input, value);
    }
    for (String pair : environmentPairs) {
      String[] nameVariable = split(pair, "--input-env", "NAME=VARIABLE");
      InputSpec input = settable(nameVariable[0]);
      String text =
          invocation
              .variable(nameVariable[1])
              .orElseThrow(
                  () ->
                      new UsageException(
                          "--input-env "
                              + input.name()
                              + ": environment variable "
                              + nameVariable[1]
                              + " is not set or empty"));
      Object value = text(input, text);
      registerSecrets(input, value, null);
      put(input, value);
    }
    return values;
  }

  private void fromJson(String json) {
    JsonNode tree;
    try {
      tree = ExitReport.Mapper.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UsageException("--inputs-json is not valid JSON: " + location(e));
    }
    if (tree == null || !tree.isObject()) {
      throw new UsageException("--inputs-json must be a JSON object, like {\"key\":\"stuff\"}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      InputSpec input = settable(field.getKey());
      Object value;
      try {
        value = ExitReport.Mapper.JSON.treeToValue(field.getValue(), Object.class);
      } catch (JsonProcessingException e) {
        throw new UsageException("--inputs-json: input " + input.name() + " cannot be read");
      }
      registerSecrets(input, value, "--inputs-json " + input.name());
      put(input, value);
    }
  }

  /**
   * Registers the secrets of a value for masking: the passwords of a connection string (which then
   * prints masked), the whole value of another sensitive input. When {@code givenWith} names a
   * command-line option (it is null for a value read from the environment) and there is a secret,
   * warns that other users can see it: a connection string without a password needs no warning.
   */
  private void registerSecrets(InputSpec input, Object value, String givenWith) {
    boolean secret;
    if (value instanceof String text && text.contains("://")) {
      invocation.redaction().addUrl(text);
      secret = Redaction.hasPassword(text);
    } else {
      secret = input.sensitive() && value != null && !String.valueOf(value).isEmpty();
      if (secret) {
        invocation.redaction().addSecret(String.valueOf(value));
      }
    }
    if (secret && givenWith != null) {
      ConnectionOptions.warnPasswordOnCommandLine(err, givenWith);
    }
  }

  private void put(InputSpec input, Object value) {
    if (values.containsKey(input.name())) {
      throw new UsageException("input " + input.name() + " is given more than once");
    }
    values.put(input.name(), value);
  }

  private Object text(InputSpec input, String text) {
    if (isPlainString(input)) {
      return text;
    }
    try {
      return ExitReport.Mapper.JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      String shown = input.sensitive() ? Redaction.MASK : text;
      String hint =
          "json".equals(input.typeName())
              ? "; a string is written with its quotes: --input " + input.name() + "='\"text\"'"
              : input.example().isEmpty() ? "" : ", for example " + input.example();
      throw new UsageException(
          "input "
              + input.name()
              + " was set to "
              + shown
              + ", must be JSON ("
              + input.typeName()
              + ")"
              + hint);
    }
  }

  private InputSpec settable(String name) {
    InputSpec input =
        spec.input(name)
            .orElseThrow(
                () ->
                    new UsageException(
                        "'"
                            + name
                            + "' is not an input of "
                            + spec.identity()
                            + MachineNames.didYouMean(
                                MachineNames.closest(name, settableNames(spec)))
                            + "; its inputs: "
                            + String.join(", ", settableNames(spec))));
    if (isProvided(input)) {
      throw new UsageException(
          "input "
              + name
              + " of "
              + spec.identity()
              + " is provided by mp-redis (from --url, REDIS_URL or the default) and cannot be"
              + " given");
    }
    return input;
  }

  /** The names of the inputs a user gives (not those mp-redis provides), in declared order. */
  static List<String> settableNames(MachineSpec spec) {
    return spec.inputs().stream()
        .filter(i -> !isProvided(i))
        .map(InputSpec::name)
        .collect(Collectors.toList());
  }

  private String[] split(String pair, String option, String form) {
    int equals = pair.indexOf('=');
    if (equals <= 0) {
      // Quote the argument only when it is an input's name: it might be a value, even a secret.
      String quoted = spec.input(pair).isPresent() ? " '" + pair + "'" : "";
      throw new UsageException(
          option + " takes " + form + ", but the argument" + quoted + " has no name before '='");
    }
    return new String[] {pair.substring(0, equals), pair.substring(equals + 1)};
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? "(no position known)"
        : "at character " + e.getLocation().getCharOffset();
  }

  private static Class<?> raw(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    return type instanceof Class<?> c ? c : Object.class;
  }
}
