package dev.mpredis.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small TCP proxy a test puts between a client and a server to inject network faults: pass
 * through, add latency, drop every connection, black-hole (accept and read, never answer), or
 * forget the connections open now (half-open links).
 *
 * <p>It runs in user space: the kernel still acknowledges the client's bytes, so TCP keep-alive
 * never notices a black hole; only timeouts do. Modes can be changed at any time and apply to
 * connections already open. Thread-safe; {@link #close()} stops everything.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(server.host(), server.port())) {
 *   connect to "redis://127.0.0.1:" + proxy.port();
 *   proxy.blackhole();   // calls now time out
 *   proxy.passThrough(); // and work again
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

  /** What the proxy does with bytes. */
  public enum Mode {
    /** Forward both ways (with the configured latency, if any). */
    PASS,
    /** Accept connections and read what clients send, but forward nothing either way. */
    BLACKHOLE
  }

  private final InetSocketAddress upstream;
  private final ServerSocket listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Socket> forgotten = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile Mode mode = Mode.PASS;
  private volatile long latencyNanos;
  private volatile boolean closed;

  private FaultProxy(InetSocketAddress upstream, ServerSocket listener) {
    this.upstream = upstream;
    this.listener = listener;
  }

  /** Starts a proxy on a free port of 127.0.0.1 forwarding to {@code host:port}. */
  public static FaultProxy start(String host, int port) {
    try {
      ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      FaultProxy proxy = new FaultProxy(new InetSocketAddress(host, port), listener);
      daemon("mp-redis-proxy-accept-" + listener.getLocalPort(), proxy::acceptLoop).start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the proxy's listening socket", e);
    }
  }

  /** The port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** {@code redis://127.0.0.1:<proxy port>}. */
  public String uri() {
    return "redis://127.0.0.1:" + port();
  }

  /** How many client connections the proxy has accepted so far. */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** The current mode. */
  public Mode mode() {
    return mode;
  }

  /** Forwards bytes again, without latency. */
  public void passThrough() {
    latencyNanos = 0;
    mode = Mode.PASS;
  }

  /** Delays every chunk of bytes, in both directions, by {@code latency}. */
  public void latency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency was set to " + latency + ", must be >= 0");
    }
    latencyNanos = latency.toNanos();
    mode = Mode.PASS;
  }

  /** Stops forwarding: connections stay open, bytes go nowhere, nothing comes back. */
  public void blackhole() {
    mode = Mode.BLACKHOLE;
  }

  /**
   * Silences every connection open now, for good, as a NAT or firewall that forgot an idle flow
   * does: their bytes go nowhere and nothing comes back, but the sockets stay open (a half-open
   * link). Connections opened afterwards pass in the current mode.
   */
  public void forgetOpenConnections() {
    forgotten.addAll(sockets);
  }

  /**
   * Resets every open connection (RST, as a crashed peer or a cut cable would look). New
   * connections are still accepted afterwards, in the current mode.
   */
  public void dropAll() {
    for (Socket socket : sockets) {
      try {
        socket.setSoLinger(true, 0);
      } catch (SocketException ignored) {
        // Already closed: nothing to reset.
      }
      closeQuietly(socket);
    }
    sockets.clear();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      sockets.add(client);
      Socket server = new Socket();
      try {
        server.connect(upstream, 5_000);
      } catch (IOException e) {
        // Upstream is down: behave as a refused connection would, by closing the client.
        closeQuietly(server);
        sockets.remove(client);
        closeQuietly(client);
        continue;
      }
      sockets.add(server);
      String name = "mp-redis-proxy-" + port() + "-" + client.getPort();
      daemon(name + "-up", () -> pump(client, server)).start();
      daemon(name + "-down", () -> pump(server, client)).start();
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (mode == Mode.BLACKHOLE || forgotten.contains(from)) {
          continue; // read and forget
        }
        long delay = latencyNanos;
        if (delay > 0) {
          Waits.pause(Duration.ofNanos(delay));
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | IllegalStateException e) {
      // One side closed or was reset: close the pair below.
    } finally {
      sockets.remove(from);
      sockets.remove(to);
      forgotten.remove(from);
      forgotten.remove(to);
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is best effort: the socket is unusable either way.
    }
  }

  /** Closes the listener and every connection. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // Nothing more to release.
    }
    dropAll();
  }

  @Override
  public String toString() {
    return "FaultProxy[127.0.0.1:" + port() + " -> " + upstream + ", " + mode + "]";
  }
}
