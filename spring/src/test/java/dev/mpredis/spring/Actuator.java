package dev.mpredis.spring;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a health indicator's answer without naming Spring Boot's health types, whose package
 * differs between Boot 3 and 4, so the tests compile against both.
 */
final class Actuator {
  private Actuator() {}

  /** The status code (as {@code status}) and the details of {@code indicator.health()}. */
  static Map<String, Object> health(Object indicator) throws ReflectiveOperationException {
    Object health = call(indicator, "health");
    Map<String, Object> flat = new LinkedHashMap<>();
    flat.put("status", call(call(health, "getStatus"), "getCode"));
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) call(health, "getDetails");
    flat.putAll(details);
    return flat;
  }

  private static Object call(Object target, String name) throws ReflectiveOperationException {
    Method method = target.getClass().getMethod(name);
    method.setAccessible(true);
    return method.invoke(target);
  }
}
