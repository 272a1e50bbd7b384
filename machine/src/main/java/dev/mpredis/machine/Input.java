package dev.mpredis.machine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one input of a machine: put it on a component of the machine's inputs record. The
 * component's name is the input's name, its Java type is the input's type.
 *
 * <p>An optional input's default is applied by the record's compact constructor (so the typed and
 * the dynamic faces share it); {@link #defaultValue()} states the same default for the reference,
 * and the pack's tests check that both agree.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Input {

  /** What the input is, one sentence. */
  String description();

  /** An example value, as it would be written in JSON (empty: none). */
  String example() default "";

  /** Whether the caller must give it (a {@code null} counts as not given). */
  boolean required() default true;

  /**
   * Whether {@code null} is a value of this input (for example the JSON value {@code null}). A
   * required nullable input must still be given, dynamically as a key of the map.
   */
  boolean nullable() default false;

  /** The default of an optional input, as JSON text (empty: no default, stays absent). */
  String defaultValue() default "";

  /** Whether the value is secret: never printed, rendered or logged. */
  boolean sensitive() default false;

  /**
   * The type's name in the reference, when the Java type alone says too little (for example {@code
   * "json"} for a value of any JSON type); empty: derived from the Java type.
   */
  String type() default "";
}
