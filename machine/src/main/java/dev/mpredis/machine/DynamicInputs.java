package dev.mpredis.machine;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds an inputs record from a map of input names to values, checking names, presence and types
 * against the declaration. Integral numbers convert between Java's integer types when the value
 * fits; nothing else is converted. A value of another type for a {@link Handle} input is passed on
 * as a {@link ForeignValue}, for the machine's own check.
 */
final class DynamicInputs<I extends Record> {

  private final Class<I> type;
  private final MachineSpec spec;
  private final RecordComponent[] components;
  private final Constructor<I> constructor;

  DynamicInputs(Class<I> type, MachineSpec spec) {
    this.type = type;
    this.spec = spec;
    this.components = type.getRecordComponents();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
    }
    try {
      this.constructor = type.getDeclaredConstructor(parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
    }
  }

  I build(Map<String, ?> values) {
    if (values == null) {
      throw new InvalidInputException("(all)", "must be given as a map, got null");
    }
    for (String name : values.keySet()) {
      if (spec.input(name).isEmpty()) {
        TreeSet<String> known = new TreeSet<>();
        spec.inputs().forEach(i -> known.add(i.name()));
        throw new InvalidInputException(
            String.valueOf(name),
            "is not an input of " + spec.identity() + " (inputs: " + known + ")");
      }
    }
    Object[] arguments = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      InputSpec input = spec.inputs().get(i);
      Object value = values.get(input.name());
      if (value == null) {
        if (input.required() && !values.containsKey(input.name())) {
          throw new InvalidInputException(input.name(), "is required");
        }
        if (input.required() && !input.nullable()) {
          throw new InvalidInputException(input.name(), "must not be null");
        }
        continue;
      }
      arguments[i] = convert(input, components[i].getGenericType(), value);
    }
    try {
      return constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw new IllegalStateException("could not build " + type.getName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not build " + type.getName(), e);
    }
  }

  private static Object convert(InputSpec input, Type target, Object value) {
    Class<?> raw =
        target instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) target;
    if (raw == Long.class || raw == Integer.class) {
      return integral(input, raw, value);
    }
    if (List.class == raw && target instanceof ParameterizedType p) {
      return list(input, p.getActualTypeArguments()[0], value);
    }
    if (!raw.isInstance(value)) {
      if (ForeignValues.isHandle(raw)) {
        return ForeignValues.of(raw, value); // the machine's own check rejects it
      }
      throw mismatch(input, value);
    }
    return value;
  }

  private static Object integral(InputSpec input, Class<?> target, Object value) {
    BigInteger whole;
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      whole = BigInteger.valueOf(((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      whole = big;
    } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      if ((value instanceof Double d && !Double.isFinite(d))
          || (value instanceof Float f && !Float.isFinite(f))) {
        throw new InvalidInputException(input.name(), "must be a whole number, got " + value);
      }
      BigDecimal decimal = new BigDecimal(value.toString());
      if (decimal.precision() - decimal.scale() > 20) { // beyond any long: skip the huge integer
        throw new InvalidInputException(
            input.name(), "is out of range: " + value + " (allowed 64-bit integers)");
      }
      try {
        whole = decimal.toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw new InvalidInputException(input.name(), "must be a whole number, got " + value);
      }
    } else {
      throw mismatch(input, value);
    }
    long min = target == Integer.class ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long max = target == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
    if (whole.compareTo(BigInteger.valueOf(min)) < 0
        || whole.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new InvalidInputException(
          input.name(), "is out of range: " + whole + " (allowed " + min + " to " + max + ")");
    }
    return target == Integer.class ? (Object) whole.intValue() : (Object) whole.longValue();
  }

  private static List<Object> list(InputSpec input, Type elementType, Object value) {
    if (!(value instanceof Collection<?> collection)) {
      throw mismatch(input, value);
    }
    Class<?> element =
        elementType instanceof Class<?> c
            ? c
            : (Class<?>) ((ParameterizedType) elementType).getRawType();
    List<Object> copy = new ArrayList<>(collection.size());
    for (Object item : collection) {
      if (item != null && !element.isInstance(item)) {
        throw new InvalidInputException(
            input.name(), "must be a " + input.typeName() + ", but holds " + describe(item));
      }
      copy.add(item);
    }
    return copy;
  }

  private static InvalidInputException mismatch(InputSpec input, Object value) {
    return new InvalidInputException(
        input.name(), "must be a " + input.typeName() + ", got " + describe(value));
  }

  /** Names the value's type, and shows the value unless the input is secret or big. */
  private static String describe(Object value) {
    String type = value.getClass().getSimpleName();
    if (value instanceof Number || value instanceof Boolean) {
      return type + " " + value;
    }
    return type;
  }
}
