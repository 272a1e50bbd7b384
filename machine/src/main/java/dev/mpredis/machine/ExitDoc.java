package dev.mpredis.machine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents one exit: put it on the exit's record. The record's components are its output. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExitDoc {

  /** When the machine takes this exit, one sentence. */
  String value();

  /** An example of the output, as JSON text (empty: none or not printable). */
  String outputExample() default "";
}
