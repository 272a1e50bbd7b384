package dev.mpredis.machine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;

/** Derives exit names and outputs from exit records, once per record class. */
final class ExitRecords {

  private static final ClassValue<String> NAMES =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          String simple = type.getSimpleName();
          return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
        }
      };

  private static final ClassValue<MethodHandle> OUTPUTS =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          if (components == null || components.length == 0) {
            return null;
          }
          if (components.length > 1) {
            throw new IllegalStateException(
                "exit record " + type.getName() + " must have at most one component");
          }
          try {
            return MethodHandles.publicLookup()
                .unreflect(components[0].getAccessor())
                .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException("exit record " + type.getName() + " is not public", e);
          }
        }
      };

  private ExitRecords() {}

  static String name(Class<?> exitType) {
    return NAMES.get(exitType);
  }

  static Object output(Object exit) {
    MethodHandle accessor = OUTPUTS.get(exit.getClass());
    if (accessor == null) {
      return null;
    }
    try {
      return accessor.invokeExact(exit);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
