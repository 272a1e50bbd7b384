package dev.mpredis.cli;

import dev.mpredis.redis.Redis;
import dev.mpredis.redis.Values;
import java.util.List;

/**
 * Loads, on a second thread, what a command is about to need while the first thread has picocli
 * read the command line: the pack's machines (their specs are read from their classes), and for
 * {@code exec} and {@code quickstart} Lettuce's client resources (Netty's DNS resolver and native
 * transport) and Jackson's mapper. The work is the same, only earlier, beside picocli's instead of
 * after it. Only {@link MpRedis#main} starts it (tests run commands in their own JVM's state, which
 * a thread of its own would change under them).
 *
 * <p>The thread runs class initializers only, which the JVM runs once, whichever thread asks first;
 * the main thread never waits for this one except through them. The thread is a daemon, prints
 * nothing and gives up at its first failure: the command then meets that failure itself, where it
 * is reported as always.
 */
final class Preload implements Runnable {

  /** The commands whose runs need the machines. */
  private static final List<String> READ_MACHINES = List.of("list", "man", "exec", "quickstart");

  /** The commands whose runs connect. */
  private static final List<String> CONNECT = List.of("exec", "quickstart");

  /** The Lettuce class whose initializer builds the shared resolver and picks the transport. */
  static final String CLIENT_RESOURCES = "io.lettuce.core.resource.DefaultClientResources";

  private final String command;

  private Preload(String command) {
    this.command = command;
  }

  /** Starts the thread for a run of {@code command} (one of picocli's names), if it needs one. */
  static void start(String command) {
    if (command != null && READ_MACHINES.contains(command)) {
      Thread thread = new Thread(new Preload(command), "mp-redis-preload");
      thread.setDaemon(true);
      thread.start();
    }
  }

  @Override
  public void run() {
    try {
      Redis.PACK.name();
      if (CONNECT.contains(command)) {
        Class.forName(CLIENT_RESOURCES, true, Preload.class.getClassLoader());
        Values.jsonMapper();
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // the command meets it itself, and reports it
    }
  }
}
