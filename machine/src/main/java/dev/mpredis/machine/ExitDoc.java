package dev.mpredis.machine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one exit: put it on the exit's record. The record's component is its output; the
 * dynamic face gives it as a report map named by the component (see {@link OutputShape}) unless
 * {@link #bareOutput()} says otherwise.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExitDoc {

  /** When the machine takes this exit, one sentence. */
  String value();

  /** An example of the output, as JSON text (empty: none or not printable). */
  String outputExample() default "";

  /**
   * Whether the dynamic face gives the output as it is rather than as a report map: for an exit
   * whose callers expect a plain value (the original's {@code create-connection-url} succeeds with
   * the URL string itself). The record must have one component.
   */
  boolean bareOutput() default false;

  /**
   * The exit's kind, at most one; empty (the default) means the kind of the exit's name ({@link
   * ExitKind#ofName}), so only an exit whose name does not say its kind declares one, for example
   * {@code kind = ExitKind.INVALID_INPUT} on {@code malformed}. An exit is {@link ExitKind#SUCCESS}
   * exactly when its record is {@link Exit.Successful}, and the {@code error} exit is always {@link
   * ExitKind#ERROR}.
   */
  ExitKind[] kind() default {};
}
