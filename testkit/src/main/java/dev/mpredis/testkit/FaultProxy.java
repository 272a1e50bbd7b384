package dev.mpredis.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small TCP proxy a test puts between a client and a server to inject network faults: pass
 * through, add latency, cut bytes into small slices, drop every connection, black-hole (accept and
 * read, never answer), withhold replies only (requests reach the server, answers are swallowed),
 * cut connections after a number of request bytes, or forget the connections open now (half-open
 * links).
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
    BLACKHOLE,
    /**
     * Forward what clients send to the server, but swallow everything the server sends back: a
     * request is delivered and applied, its reply never arrives (a link lost between the two).
     */
    WITHHOLD_REPLIES
  }

  private final InetSocketAddress upstream;
  private final LoopbackListener listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Socket> forgotten = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicBoolean corruptNextReply =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  private final Map<Socket, AtomicLong> requestBudgets = new ConcurrentHashMap<>();
  private volatile Mode mode = Mode.PASS;
  private volatile long latencyNanos;
  private volatile int sliceBytes;

  private FaultProxy(InetSocketAddress upstream) {
    this.upstream = upstream;
    this.listener = LoopbackListener.open("proxy", this::connect); // last: accepts from now on
  }

  /** Starts a proxy on a free port of 127.0.0.1 forwarding to {@code host:port}. */
  public static FaultProxy start(String host, int port) {
    return new FaultProxy(new InetSocketAddress(host, port));
  }

  /** The port clients connect to. */
  public int port() {
    return listener.port();
  }

  /** {@code redis://127.0.0.1:<proxy port>}. */
  public String uri() {
    return listener.uri();
  }

  /** How many client connections the proxy has accepted so far. */
  public int acceptedConnections() {
    return listener.accepted();
  }

  /** How many client connections are open now (accepted and not yet closed by either side). */
  public int openConnections() {
    return clients.size();
  }

  /** The current mode. */
  public Mode mode() {
    return mode;
  }

  /** Forwards bytes again, without latency and without slicing. */
  public void passThrough() {
    latencyNanos = 0;
    sliceBytes = 0;
    mode = Mode.PASS;
  }

  /**
   * Forwards every chunk, in both directions, as slices of at most {@code bytes} bytes, each
   * written and flushed on its own (so the peer reads a reply in pieces); combine with {@link
   * #latency(Duration)} for a slow link. {@link #passThrough()} ends it.
   *
   * @throws IllegalArgumentException if {@code bytes} is not positive
   */
  public void slices(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("slice size was set to " + bytes + ", must be >= 1");
    }
    sliceBytes = bytes;
  }

  /**
   * Forwards requests, swallows replies: see {@link Mode#WITHHOLD_REPLIES}. Applies to connections
   * open now and to new ones; {@link #passThrough()} ends it (replies swallowed meanwhile stay
   * lost).
   */
  public void withholdReplies() {
    mode = Mode.WITHHOLD_REPLIES;
  }

  /**
   * Lets every connection open now forward at most {@code bytes} more bytes from the client to the
   * server, then resets it (both sides), as a link that dies in the middle of a request would. The
   * server sees an incomplete command and discards it. Connections opened afterwards are not
   * affected.
   *
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public void cutRequestsAfter(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("byte count was set to " + bytes + ", must be >= 0");
    }
    for (Socket client : clients) {
      requestBudgets.put(client, new AtomicLong(bytes));
    }
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

  /**
   * Garbles the next chunk of reply bytes any connection forwards: its first byte becomes {@code
   * '?'}, which starts no RESP reply, as a broken middlebox or a bad server would send. One chunk
   * only; everything else passes unchanged.
   */
  public void corruptNextReply() {
    corruptNextReply.set(true);
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
      reset(socket);
    }
    sockets.clear();
  }

  /** Pairs an accepted client with a new connection upstream and starts both pumps. */
  private void connect(Socket client) {
    sockets.add(client);
    clients.add(client);
    Socket server = new Socket();
    try {
      server.connect(upstream, 5_000);
    } catch (IOException e) {
      // Upstream is down: behave as a refused connection would, by closing the client.
      LoopbackListener.closeQuietly(server);
      sockets.remove(client);
      clients.remove(client);
      LoopbackListener.closeQuietly(client);
      return;
    }
    sockets.add(server);
    String name = "mp-redis-proxy-" + port() + "-" + client.getPort();
    LoopbackListener.daemon(name + "-up", () -> pump(client, server)).start();
    LoopbackListener.daemon(name + "-down", () -> pump(server, client)).start();
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    boolean request = clients.contains(from);
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        Mode current = mode;
        if (current == Mode.BLACKHOLE
            || (current == Mode.WITHHOLD_REPLIES && !request)
            || forgotten.contains(from)) {
          continue; // read and forget
        }
        long delay = latencyNanos;
        if (delay > 0) {
          Waits.pause(Duration.ofNanos(delay));
        }
        if (!request && corruptNextReply.compareAndSet(true, false)) {
          buffer[0] = '?';
        }
        AtomicLong budget = request ? requestBudgets.get(from) : null;
        int allowed = budget == null ? n : (int) Math.min(n, Math.max(0, budget.get()));
        forward(out, buffer, allowed);
        if (budget != null && budget.addAndGet(-allowed) <= 0) {
          reset(from); // the budget is spent: the link dies here, mid-request
          reset(to);
          return;
        }
      }
    } catch (IOException | IllegalStateException e) {
      // One side closed or was reset: close the pair below.
    } finally {
      sockets.remove(from);
      sockets.remove(to);
      clients.remove(from);
      clients.remove(to);
      forgotten.remove(from);
      forgotten.remove(to);
      requestBudgets.remove(from);
      LoopbackListener.closeQuietly(from);
      LoopbackListener.closeQuietly(to);
    }
  }

  private void forward(OutputStream out, byte[] buffer, int length) throws IOException {
    int slice = sliceBytes;
    if (slice <= 0) {
      out.write(buffer, 0, length);
      out.flush();
      return;
    }
    for (int offset = 0; offset < length; offset += slice) {
      out.write(buffer, offset, Math.min(slice, length - offset));
      out.flush();
    }
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException ignored) {
      // Already closed: nothing to reset.
    }
    LoopbackListener.closeQuietly(socket);
  }

  /** Closes the listener and every connection. */
  @Override
  public void close() {
    listener.close();
    dropAll();
  }

  @Override
  public String toString() {
    return "FaultProxy[127.0.0.1:" + port() + " -> " + upstream + ", " + mode + "]";
  }
}
