package dev.mpredis.machine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose values are handles a pack hands out (a connection), so that the machines
 * taking one check it themselves, as the original's duck-typing did: a dynamic input of this type
 * given a value of any other type (a map, a string) is not rejected by the runtime as a wrong type;
 * the machine receives a {@link ForeignValue} that implements the interface, and its own check
 * takes the exit it declares for anything that is not a live handle ({@code badConnection}).
 *
 * <p>A missing or {@code null} value of a required input stays the runtime's {@code error} exit,
 * like any other required input. Only interfaces can be handles. The typed face is unaffected: its
 * compiler already ensures the type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Handle {}
