package dev.mpredis.machine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** Makes {@link ForeignValue}s for {@link Handle} inputs. */
final class ForeignValues {

  private ForeignValues() {}

  /** Whether a value of another type given for {@code type} reaches the machine as foreign. */
  static boolean isHandle(Class<?> type) {
    return type.isInterface() && type.isAnnotationPresent(Handle.class);
  }

  /** A {@link ForeignValue} standing for {@code value} where a {@code handleType} is expected. */
  static Object of(Class<?> handleType, Object value) {
    String typeName = value.getClass().getSimpleName();
    String description =
        "ForeignValue[a " + typeName + " where a " + handleType.getSimpleName() + " belongs]";
    InvocationHandler handler =
        (proxy, method, args) -> invoke(proxy, method, args, typeName, description);
    return Proxy.newProxyInstance(
        handleType.getClassLoader(), new Class<?>[] {handleType, ForeignValue.class}, handler);
  }

  private static Object invoke(
      Object proxy, Method method, Object[] args, String typeName, String description) {
    switch (method.getName()) {
      case "typeName":
        if (method.getParameterCount() == 0) {
          return typeName;
        }
        break;
      case "toString":
        if (method.getParameterCount() == 0) {
          return description;
        }
        break;
      case "hashCode":
        if (method.getParameterCount() == 0) {
          return System.identityHashCode(proxy);
        }
        break;
      case "equals":
        if (method.getParameterCount() == 1) {
          return proxy == args[0];
        }
        break;
      default:
        break;
    }
    throw new IllegalStateException(
        description + " cannot " + method.getName() + "(): it is not a handle of this pack");
  }
}
