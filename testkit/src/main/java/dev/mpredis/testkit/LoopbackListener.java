package dev.mpredis.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A listening socket on a free port of 127.0.0.1 that hands every accepted connection to a handler
 * on a daemon thread of its own: what the kit's fake peers ({@link FaultProxy}, {@link
 * ScriptedServer}) share. Thread-safe; {@link #close()} stops accepting.
 */
final class LoopbackListener implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean closed;

  private LoopbackListener(ServerSocket socket) {
    this.socket = socket;
  }

  /**
   * Opens the listener and starts accepting; {@code onAccept} runs on the accepting thread, so it
   * must hand long work to a thread of its own.
   *
   * @param name names the accepting thread and the failure, for example {@code proxy}
   * @throws UncheckedIOException if no socket can be opened
   */
  static LoopbackListener open(String name, Consumer<Socket> onAccept) {
    try {
      LoopbackListener listener =
          new LoopbackListener(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      daemon("mp-redis-" + name + "-accept-" + listener.port(), () -> listener.accept(onAccept))
          .start();
      return listener;
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the " + name + "'s listening socket", e);
    }
  }

  private void accept(Consumer<Socket> onAccept) {
    while (!closed) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      onAccept.accept(client);
    }
  }

  /** The port clients connect to. */
  int port() {
    return socket.getLocalPort();
  }

  /** {@code redis://127.0.0.1:<port>}. */
  String uri() {
    return "redis://127.0.0.1:" + port();
  }

  /** How many connections were accepted so far. */
  int accepted() {
    return accepted.get();
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(socket);
  }

  /** A daemon thread (not started), so a test's fake peer never keeps the JVM alive. */
  static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Closes {@code closeable}, best effort: it is unusable either way. */
  static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Nothing more to release.
    }
  }
}
