package dev.mpredis.machine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a machine's exits that carry only a report ({@code error}, {@code badConnection}, {@code
 * failed}...) by name, from their records' constructors: so no machine writes a factory per such
 * exit. Immutable; one per machine.
 */
final class FailureExits {

  private final Map<String, MethodHandle> constructors;

  FailureExits(Class<?> resultType) {
    Map<String, MethodHandle> found = new HashMap<>();
    for (Class<?> exitType : resultType.getPermittedSubclasses()) {
      var components = exitType.getRecordComponents();
      if (components != null
          && components.length == 1
          && components[0].getType() == MachineError.class) {
        found.put(ExitRecords.name(exitType), constructor(exitType));
      }
    }
    this.constructors = Map.copyOf(found);
  }

  /**
   * The exit named {@code name} with {@code error}.
   *
   * @throws IllegalArgumentException if the machine has no such exit carrying only a report
   */
  Object build(String name, MachineError error) {
    MethodHandle constructor = constructors.get(name);
    if (constructor == null) {
      throw new IllegalArgumentException(
          "no exit named " + name + " that carries only a report; there are " + constructors);
    }
    try {
      return constructor.invoke(error);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("could not build the " + name + " exit", e);
    }
  }

  private static MethodHandle constructor(Class<?> exitType) {
    try {
      return MethodHandles.publicLookup()
          .findConstructor(exitType, MethodType.methodType(void.class, MachineError.class))
          .asType(MethodType.methodType(Object.class, MachineError.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException("record " + exitType.getName() + " is not public", e);
    }
  }
}
