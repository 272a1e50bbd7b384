package dev.mpredis.machine;

/**
 * A value of the wrong type given dynamically for an input of a {@link Handle} type, wrapped so
 * that it can reach the machine: it implements the handle's interface, every method of which
 * (besides {@code toString}, {@code equals} and {@code hashCode}) throws {@link
 * IllegalStateException}. A machine recognises it with its usual check (it is not one of the
 * handles the pack made) and may name {@link #typeName()} in its report.
 */
public interface ForeignValue {

  /** The simple name of the given value's class, for example {@code LinkedHashMap}. */
  String typeName();
}
