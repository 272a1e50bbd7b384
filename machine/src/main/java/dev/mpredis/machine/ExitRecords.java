package dev.mpredis.machine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Derives exit names, kinds, outputs and reports from exit records, once per record class. */
final class ExitRecords {

  /** The name of the implicit exit every machine has. */
  static final String ERROR_EXIT = "error";

  private static final ClassValue<String> NAMES =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          String simple = type.getSimpleName();
          return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
        }
      };

  private static final ClassValue<ExitKind> KINDS =
      new ClassValue<>() {
        @Override
        protected ExitKind computeValue(Class<?> type) {
          return kindOf(type);
        }
      };

  private static final ClassValue<Layout> LAYOUTS =
      new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
          return Layout.of(type);
        }
      };

  /**
   * How one exit record gives its output.
   *
   * @param shape the dynamic face's shape
   * @param output the accessor of the record's one component, {@code null} when it has none
   * @param fields the report's field names (empty unless {@link OutputShape#REPORT})
   * @param fieldAccessors for a report record, the accessors of its components; {@code null} when
   *     the report's one field is the exit's component itself
   */
  record Layout(
      OutputShape shape,
      MethodHandle output,
      List<String> fields,
      List<MethodHandle> fieldAccessors) {

    static Layout of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      if (components == null || components.length == 0) {
        return new Layout(OutputShape.NONE, null, List.of(), null);
      }
      if (components.length > 1) {
        throw new IllegalStateException(
            "exit record " + type.getName() + " must have at most one component");
      }
      RecordComponent component = components[0];
      MethodHandle output = accessor(type, component);
      ExitDoc doc = type.getAnnotation(ExitDoc.class);
      if ((doc != null && doc.bareOutput()) || ERROR_EXIT.equals(name(type))) {
        return new Layout(OutputShape.BARE, output, List.of(), null);
      }
      Class<?> valueType = component.getType();
      if (!valueType.isRecord()) {
        return new Layout(OutputShape.REPORT, output, List.of(component.getName()), null);
      }
      List<String> fields = new ArrayList<>();
      List<MethodHandle> accessors = new ArrayList<>();
      for (RecordComponent field : valueType.getRecordComponents()) {
        fields.add(field.getName());
        accessors.add(accessor(valueType, field));
      }
      return new Layout(OutputShape.REPORT, output, List.copyOf(fields), List.copyOf(accessors));
    }

    private static MethodHandle accessor(Class<?> type, RecordComponent component) {
      try {
        return MethodHandles.publicLookup()
            .unreflect(component.getAccessor())
            .asType(MethodType.methodType(Object.class, Object.class));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("record " + type.getName() + " is not public", e);
      }
    }
  }

  private ExitRecords() {}

  static String name(Class<?> exitType) {
    return NAMES.get(exitType);
  }

  /**
   * The exit's kind: declared by its {@link ExitDoc}, else by its name.
   *
   * @throws IllegalStateException if the declaration contradicts the record (see {@link
   *     ExitDoc#kind()})
   */
  static ExitKind kind(Class<?> exitType) {
    return KINDS.get(exitType);
  }

  private static ExitKind kindOf(Class<?> type) {
    ExitDoc doc = type.getAnnotation(ExitDoc.class);
    ExitKind[] declared = doc == null ? new ExitKind[0] : doc.kind();
    if (declared.length > 1) {
      throw new IllegalStateException(
          "exit record " + type.getName() + " declares " + declared.length + " kinds, at most 1");
    }
    String name = name(type);
    ExitKind kind = declared.length == 1 ? declared[0] : ExitKind.ofName(name);
    boolean successful = Exit.Successful.class.isAssignableFrom(type);
    if ((kind == ExitKind.SUCCESS) != successful) {
      throw new IllegalStateException(
          "exit record "
              + type.getName()
              + " is of kind "
              + kind
              + (successful
                  ? " but is marked Exit.Successful"
                  : " but is not marked Exit.Successful")
              + "; an exit is of kind SUCCESS exactly when it is marked Exit.Successful");
    }
    if (ERROR_EXIT.equals(name) && kind != ExitKind.ERROR) {
      throw new IllegalStateException(
          "exit record " + type.getName() + " declares kind " + kind + "; the error exit is ERROR");
    }
    return kind;
  }

  static Layout layout(Class<?> exitType) {
    return LAYOUTS.get(exitType);
  }

  /** The typed output: the record's one component, {@code null} when it has none. */
  static Object output(Object exit) {
    MethodHandle accessor = LAYOUTS.get(exit.getClass()).output();
    return accessor == null ? null : invoke(accessor, exit);
  }

  /** The dynamic face's output, shaped as the exit's {@link OutputShape} says. */
  static Object report(Object exit) {
    Layout layout = LAYOUTS.get(exit.getClass());
    if (layout.shape() == OutputShape.NONE) {
      return null;
    }
    Object output = invoke(layout.output(), exit);
    if (layout.shape() == OutputShape.BARE) {
      return output;
    }
    if (layout.fieldAccessors() == null) {
      return Collections.singletonMap(layout.fields().get(0), output);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    for (int i = 0; i < layout.fields().size(); i++) {
      Object value = output == null ? null : invoke(layout.fieldAccessors().get(i), output);
      report.put(layout.fields().get(i), value);
    }
    return Collections.unmodifiableMap(report);
  }

  private static Object invoke(MethodHandle accessor, Object target) {
    try {
      return accessor.invokeExact(target);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
