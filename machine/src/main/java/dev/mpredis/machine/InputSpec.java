package dev.mpredis.machine;

import java.lang.reflect.Type;
import java.util.Optional;

/**
 * The declaration of one input, read from an {@link Input} on an inputs record component.
 *
 * @param name the input's name
 * @param javaType the component's Java type (with generics)
 * @param typeName the type's name in the reference ({@code string}, {@code number}, {@code
 *     json}...)
 * @param required whether it must be given
 * @param nullable whether {@code null} is one of its values
 * @param defaultValue the default as JSON text, empty when there is none
 * @param example an example as JSON text, empty when there is none
 * @param description what it is
 * @param sensitive whether its value is secret
 */
public record InputSpec(
    String name,
    Type javaType,
    String typeName,
    boolean required,
    boolean nullable,
    String defaultValue,
    String example,
    String description,
    boolean sensitive) {

  /** The default as JSON text, if the input has one. */
  public Optional<String> defaultJson() {
    return defaultValue.isEmpty() ? Optional.empty() : Optional.of(defaultValue);
  }
}
