package dev.mpredis.machine;

/**
 * A stable, switchable classification of a {@link MachineError}. Packs define their codes as enums
 * implementing this interface; the runtime's own codes are {@link StandardErrorCode}, which a pack
 * can replace by namesakes of its own (see {@link Machine#Machine(Class, Class,
 * java.util.function.Function)}).
 */
public interface ErrorCode {

  /** The code's stable name, for example {@code BAD_PASSWORD}. */
  String name();

  /** What the code means, for the reference. */
  String description();
}
