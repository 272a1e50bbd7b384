package dev.mpredis.machine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes a machine: put it on the machine's class. Its identity comes from the class name. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Describe {

  /** A short human name, for example {@code Get cached value}. */
  String friendlyName();

  /** One sentence. */
  String description();

  /** More detail (optional). */
  String extendedDescription() default "";

  /** What running it does besides computing a result. */
  SideEffects sideEffects();

  /**
   * What kind of connection it needs: {@link ConnectionNeed#DEDICATED} for a machine that changes
   * the state of its connection for everyone who shares it. The pack enforces it; tools read it
   * from {@link MachineSpec#needsDedicatedConnection()}.
   */
  ConnectionNeed connection() default ConnectionNeed.ANY;
}
