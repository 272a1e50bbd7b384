/**
 * The generic machine runtime: definitions, inputs, exits, validation, dynamic invocation and
 * reference rendering. No Redis, no dependencies.
 *
 * <p>The runtime reads the inputs and exits of a pack's machines reflectively (record components,
 * annotations, public canonical constructors through {@code MethodHandles.publicLookup()}), so a
 * pack only has to export the package of its machines; it need not open it.
 */
module dev.mpredis.machine {
  exports dev.mpredis.machine;
}
