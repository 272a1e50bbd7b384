package dev.mpredis.machine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds an inputs record from a map of input names to values, checking names, presence and types
 * against the declaration. Integral numbers convert between Java's integer types when the value
 * fits; nothing else is converted. A value of another type for a {@link Handle} input is passed on
 * as a {@link ForeignValue}, for the machine's own check.
 *
 * <p>Compiled once per machine: every rule (name, presence, how to check or convert the value) and
 * the record's constructor are looked up when the machine is built, so a call does no reflection
 * and no lookup by name beyond one hash lookup per given input. Immutable and thread-safe.
 */
final class DynamicInputs<I extends Record> {

  private final Class<I> type;
  private final Set<String> names;
  private final String unknown;
  private final InputRule[] rules;
  private final Constructor<I> constructor;

  /** The canonical constructor as {@code (Object[])Object}; null to use {@link #constructor}. */
  private final MethodHandle spreadConstructor;

  DynamicInputs(Class<I> type, MachineSpec spec) {
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] parameterTypes = new Class<?>[components.length];
    this.rules = new InputRule[components.length];
    boolean anyPrimitive = false;
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
      anyPrimitive |= parameterTypes[i].isPrimitive();
      rules[i] = InputRule.of(spec.inputs().get(i), components[i].getGenericType());
    }
    TreeSet<String> known = new TreeSet<>();
    spec.inputs().forEach(i -> known.add(i.name()));
    this.names = Set.copyOf(known);
    this.unknown = "is not an input of " + spec.identity() + " (inputs: " + known + ")";
    try {
      this.constructor = type.getDeclaredConstructor(parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
    }
    // A null for a primitive component is refused by reflection with its own exception: keep
    // reflection there (and for a constructor the public lookup may not see), a handle elsewhere.
    this.spreadConstructor = anyPrimitive ? null : spread(constructor, components.length);
  }

  private static MethodHandle spread(Constructor<?> constructor, int arity) {
    try {
      return MethodHandles.publicLookup()
          .unreflectConstructor(constructor)
          .asSpreader(Object[].class, arity)
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (IllegalAccessException e) {
      return null;
    }
  }

  I build(Map<String, ?> values) {
    if (values == null) {
      throw new InvalidInputException("(all)", "must be given as a map, got null");
    }
    for (String name : values.keySet()) {
      if (name == null || !names.contains(name)) {
        throw new InvalidInputException(String.valueOf(name), unknown);
      }
    }
    Object[] arguments = new Object[rules.length];
    for (int i = 0; i < rules.length; i++) {
      InputRule rule = rules[i];
      InputSpec input = rule.input;
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
      arguments[i] = rule.convert(value);
    }
    return construct(arguments);
  }

  private I construct(Object[] arguments) {
    if (spreadConstructor != null) {
      try {
        return type.cast((Object) spreadConstructor.invokeExact(arguments));
      } catch (InvalidInputException e) {
        throw e;
      } catch (Throwable e) { // what reflection would have wrapped in InvocationTargetException
        throw new IllegalStateException("could not build " + type.getName(), e);
      }
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

  /** How one input's value is checked and converted, decided once from its declared type. */
  private record InputRule(
      InputSpec input, Kind kind, Type target, Class<?> raw, Class<?> element, boolean handle) {

    private enum Kind {
      /** Anything goes ({@code Object}). */
      ANY,
      /** Must be an instance of {@link #raw}; else a handle's foreign value, else a mismatch. */
      INSTANCE,
      LONG,
      INTEGER,
      /** A collection whose elements are instances of {@link #element}, copied to a list. */
      LIST,
      /** A declared type the rules above do not cover: decided per call, as written. */
      GENERIC
    }

    static InputRule of(InputSpec input, Type target) {
      Class<?> raw = rawOf(target);
      if (raw == null) {
        return new InputRule(input, Kind.GENERIC, target, null, null, false);
      }
      if (raw == Long.class) {
        return new InputRule(input, Kind.LONG, target, raw, null, false);
      }
      if (raw == Integer.class) {
        return new InputRule(input, Kind.INTEGER, target, raw, null, false);
      }
      if (List.class == raw && target instanceof ParameterizedType p) {
        Class<?> element = rawOf(p.getActualTypeArguments()[0]);
        return element == null
            ? new InputRule(input, Kind.GENERIC, target, raw, null, false)
            : new InputRule(input, Kind.LIST, target, raw, element, false);
      }
      if (raw == Object.class) {
        return new InputRule(input, Kind.ANY, target, raw, null, false);
      }
      return new InputRule(input, Kind.INSTANCE, target, raw, null, ForeignValues.isHandle(raw));
    }

    private static Class<?> rawOf(Type type) {
      if (type instanceof Class<?> c) {
        return c;
      }
      return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }

    Object convert(Object value) {
      switch (kind) {
        case ANY:
          return value;
        case INSTANCE:
          if (raw.isInstance(value)) {
            return value;
          }
          if (handle) {
            return ForeignValues.of(raw, value); // the machine's own check rejects it
          }
          throw mismatch(input, value);
        case LONG:
          if (value instanceof Long) {
            return value;
          }
          return smallIntegral(value, Long.MIN_VALUE, Long.MAX_VALUE);
        case INTEGER:
          if (value instanceof Integer) {
            return value;
          }
          return smallIntegral(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        case LIST:
          return list(input, element, value);
        default:
          return DynamicValues.convert(input, target, value);
      }
    }

    /** A {@code Long}, {@code Integer}, {@code Short} or {@code Byte} without a BigInteger. */
    private Object smallIntegral(Object value, long min, long max) {
      if (!(value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte)) {
        return DynamicValues.integral(input, raw, value);
      }
      long whole = ((Number) value).longValue();
      if (whole < min || whole > max) {
        throw new InvalidInputException(
            input.name(), "is out of range: " + whole + " (allowed " + min + " to " + max + ")");
      }
      return kind == Kind.INTEGER ? (Object) (int) whole : (Object) whole;
    }
  }

  private static List<Object> list(InputSpec input, Class<?> element, Object value) {
    if (!(value instanceof Collection<?> collection)) {
      throw mismatch(input, value);
    }
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

  static InvalidInputException mismatch(InputSpec input, Object value) {
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

  /** The per-call rules as first written: for declared types the compiled rules do not cover. */
  private static final class DynamicValues {

    private DynamicValues() {}

    static Object convert(InputSpec input, Type target, Object value) {
      Class<?> raw =
          target instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) target;
      if (raw == Long.class || raw == Integer.class) {
        return integral(input, raw, value);
      }
      if (List.class == raw && target instanceof ParameterizedType p) {
        Type elementType = p.getActualTypeArguments()[0];
        Class<?> element =
            elementType instanceof Class<?> c
                ? c
                : (Class<?>) ((ParameterizedType) elementType).getRawType();
        return list(input, element, value);
      }
      if (!raw.isInstance(value)) {
        if (ForeignValues.isHandle(raw)) {
          return ForeignValues.of(raw, value); // the machine's own check rejects it
        }
        throw mismatch(input, value);
      }
      return value;
    }

    static Object integral(InputSpec input, Class<?> target, Object value) {
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
  }
}
