package dev.mpredis.machine;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** Reads a {@link MachineSpec} from a machine's class, inputs record and sealed exits. */
final class SpecReader {

  private SpecReader() {}

  static MachineSpec read(Class<?> machineClass, Class<?> inputsType, Class<?> resultType) {
    Describe describe = machineClass.getAnnotation(Describe.class);
    if (describe == null) {
      throw new IllegalStateException(machineClass.getName() + " lacks @Describe");
    }
    return new MachineSpec(
        identity(machineClass.getSimpleName()),
        describe.friendlyName(),
        describe.description(),
        describe.extendedDescription(),
        describe.sideEffects(),
        describe.connection(),
        inputs(inputsType),
        exits(machineClass, resultType));
  }

  /** {@code GetCachedValue} becomes {@code get-cached-value}. */
  static String identity(String className) {
    StringBuilder identity = new StringBuilder();
    for (int i = 0; i < className.length(); i++) {
      char c = className.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        identity.append('-');
      }
      identity.append(Character.toLowerCase(c));
    }
    return identity.toString();
  }

  private static List<InputSpec> inputs(Class<?> inputsType) {
    if (!inputsType.isRecord()) {
      throw new IllegalStateException(inputsType.getName() + " must be a record");
    }
    List<InputSpec> inputs = new ArrayList<>();
    for (RecordComponent component : inputsType.getRecordComponents()) {
      Input input = component.getAnnotation(Input.class);
      if (input == null) {
        throw new IllegalStateException(
            inputsType.getName() + "." + component.getName() + " lacks @Input");
      }
      inputs.add(
          new InputSpec(
              component.getName(),
              component.getGenericType(),
              input.type().isEmpty() ? typeName(component.getGenericType()) : input.type(),
              input.required(),
              input.nullable(),
              input.defaultValue(),
              input.example(),
              input.description(),
              input.sensitive()));
    }
    return inputs;
  }

  /** The text of an {@code error} exit that does not document itself. */
  static final String ERROR_TEXT = "Unexpected failure, or inputs that break the contract.";

  private static List<ExitSpec> exits(Class<?> machineClass, Class<?> resultType) {
    if (!resultType.isSealed()) {
      throw new IllegalStateException(resultType.getName() + " must be a sealed interface");
    }
    List<ExitSpec> exits = new ArrayList<>();
    for (Class<?> exitType : resultType.getPermittedSubclasses()) {
      if (!exitType.isRecord()) {
        throw new IllegalStateException(exitType.getName() + " must be a record");
      }
      ExitDoc doc = exitType.getAnnotation(ExitDoc.class);
      String[] text = doc != null ? new String[] {doc.value(), doc.outputExample()} : null;
      if (text == null) {
        text = defaultText(machineClass, ExitRecords.name(exitType));
      }
      RecordComponent[] components = exitType.getRecordComponents();
      if (doc != null && doc.bareOutput() && components.length != 1) {
        throw new IllegalStateException(
            exitType.getName() + " declares a bare output, so it must have one component");
      }
      String outputName = components.length == 0 ? "" : components[0].getName();
      String outputType = components.length == 0 ? "" : typeName(components[0].getGenericType());
      ExitRecords.Layout layout = ExitRecords.layout(exitType);
      exits.add(
          new ExitSpec(
              ExitRecords.name(exitType),
              ExitRecords.kind(exitType),
              text[0],
              outputName,
              outputType,
              text[1],
              layout.shape(),
              layout.fields()));
    }
    return exits;
  }

  /**
   * The shared text of an exit without an {@link ExitDoc}: an {@link ExitDefault} of the machine
   * (or of its base class) for that name, or the runtime's own for {@code error}.
   */
  private static String[] defaultText(Class<?> machineClass, String exitName) {
    for (ExitDefault shared : machineClass.getAnnotationsByType(ExitDefault.class)) {
      if (shared.exit().equals(exitName)) {
        return new String[] {shared.value(), shared.outputExample()};
      }
    }
    if (ExitRecords.ERROR_EXIT.equals(exitName)) {
      return new String[] {ERROR_TEXT, ""};
    }
    throw new IllegalStateException(
        machineClass.getName()
            + ": exit "
            + exitName
            + " needs an @ExitDoc, or an @ExitDefault of that name on the machine or its base");
  }

  /** The reference's name for a Java type. */
  static String typeName(Type type) {
    if (type instanceof TypeVariable<?> variable) {
      return typeName(variable.getBounds()[0]); // a generic exit record: its bound, Object is json
    }
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return "list of " + typeName(args[0]);
      }
      if (Map.class.isAssignableFrom(raw)) {
        return "dictionary";
      }
      if (Consumer.class.isAssignableFrom(raw) || Function.class.isAssignableFrom(raw)) {
        return "function";
      }
      return typeName(raw);
    }
    Class<?> raw = (Class<?>) type;
    if (raw == String.class) {
      return "string";
    } else if (raw == Long.class || raw == Integer.class || raw == long.class || raw == int.class) {
      return "number";
    } else if (raw == Boolean.class || raw == boolean.class) {
      return "boolean";
    } else if (raw == Object.class) {
      return "json";
    } else if (raw == MachineError.class) {
      return "error";
    }
    return "ref (" + raw.getSimpleName() + ")";
  }
}
