package dev.mpredis.machine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The documentation of an exit that many machines share, written once: put it on a machine class
 * or, better, on the base class of a family of machines (it is inherited). An exit record of that
 * name without an {@link ExitDoc} of its own takes this text. The {@code error} exit has a default
 * in the runtime already ({@link SpecReader#ERROR_TEXT}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(ExitDefault.List.class)
public @interface ExitDefault {

  /** The exit's name, for example {@code badConnection}. */
  String exit();

  /** When a machine takes this exit, one sentence. */
  String value();

  /** An example of the output, as JSON text (empty: none or not printable). */
  String outputExample() default "";

  /** The defaults of a class. */
  @Documented
  @Inherited
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface List {
    /** The defaults. */
    ExitDefault[] value();
  }
}
