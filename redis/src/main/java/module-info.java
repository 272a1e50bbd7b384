/**
 * The Redis pack: managers, connections, the machines, connection strings, error classification, on
 * Lettuce and Jackson.
 *
 * <p>Only the API package {@code dev.mpredis.redis} is exported. The engine in {@code
 * dev.mpredis.redis.internal} is neither exported nor opened: nothing outside this module can
 * compile against it or reach it reflectively. Jackson and the machine runtime need no opening
 * either, as everything they read reflectively (inputs and exit records, outputs) is public in the
 * exported package.
 *
 * <p>Jackson and the machine runtime are required transitively, as their types appear in the API
 * ({@code TypeReference}, {@code Machine}, {@code MachineError}); Lettuce and Netty do not.
 */
@SuppressWarnings("requires-automatic") // lettuce.core and reactor.core: stable manifest names
module dev.mpredis.redis {
  requires transitive dev.mpredis.machine;
  requires transitive com.fasterxml.jackson.databind;
  requires lettuce.core;
  requires com.github.benmanes.caffeine; // the near cache's local store
  // Lettuce is an automatic module and declares nothing, so the Netty modules it runs on are
  // resolved only if required here: the engine uses buffer, codec, handler and transport itself,
  // and
  // Lettuce loads the DNS resolver when it builds a client (JarConsumerTest fails without it).
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.common;
  requires io.netty.handler;
  requires io.netty.resolver.dns;
  requires io.netty.transport;
  requires reactor.core;
  requires org.slf4j;

  exports dev.mpredis.redis;
}
