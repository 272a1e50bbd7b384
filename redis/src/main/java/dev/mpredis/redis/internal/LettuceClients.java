package dev.mpredis.redis.internal;

import dev.mpredis.machine.Failures;
import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.ConnectionString;
import dev.mpredis.redis.RedisErrorCode;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.Transports;
import java.io.File;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import reactor.core.Disposable;

/**
 * Builds the Lettuce client of a manager with our safe defaults, and watches its connections for
 * unexpected failures. The defaults, each chosen against a Lettuce default that hurts:
 *
 * <ul>
 *   <li>command timeout from the connection string (5 s default; Lettuce: 60 s);
 *   <li>while disconnected, commands are rejected at once ({@code REJECT_COMMANDS}) instead of
 *       queueing until their timeout; commands in flight when the link breaks fail with {@code
 *       CONNECTION_LOST} and are <em>not</em> re-sent after the reconnect, so no write is silently
 *       applied twice (at-most-once per call; the caller decides whether to retry);
 *   <li>a bounded request queue ({@value #REQUEST_QUEUE_SIZE} commands);
 *   <li>reconnect backoff from 10 ms doubling to a 1 s cap (Lettuce: 30 s cap);
 *   <li>TCP keep-alive on; TLS verifies the host name unless the string says otherwise; the TLS
 *       handshake is bounded by the connect timeout (Lettuce: 10 s);
 *   <li>flushes of concurrent commands coalesced into one write;
 *   <li>a command timeout closes that connection's link, which Lettuce re-opens ({@link
 *       StreamGuard}): replies are matched to commands by order, and a lost reply must never make a
 *       later command take another's reply;
 *   <li>nothing Lettuce may log holds a password or its length: the URI gets credentials it prints
 *       as {@code ****}, and commands are encoded without Lettuce's TRACE dump of their bytes;
 *   <li>two I/O threads and two computation threads per manager, stopped by {@code
 *       destroy-manager};
 *   <li>a single server's connections build no synchronous face ({@link AsyncRedisClient});
 *   <li>with a near cache, RESP3 unless the string says otherwise (its invalidations are pushed).
 * </ul>
 */
final class LettuceClients {

  /** Most commands queued on one connection. */
  static final int REQUEST_QUEUE_SIZE = 65_536;

  static final Duration RECONNECT_DELAY_MIN = Duration.ofMillis(10);
  static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(1);

  /**
   * How often a cluster client re-reads the topology even when nothing triggered it (Lettuce: off).
   * Redirects, persistent reconnects and failed-over slots trigger a refresh at once besides.
   */
  static final Duration CLUSTER_REFRESH_PERIOD = Duration.ofSeconds(30);

  /**
   * At most one triggered topology refresh per this time (Lettuce: 30 s). A master's death triggers
   * one at its link's third failed reconnect, before the cluster has promoted a replica; with
   * Lettuce's 30 s the client saw the promotion 4.1 s after it happened, with 1 s 0.24 s after.
   */
  static final Duration CLUSTER_ADAPTIVE_REFRESH_LIMIT = Duration.ofSeconds(1);

  private LettuceClients() {}

  /** A manager's client, its resources and its watchers. */
  static final class Client {
    private final AbstractRedisClient client;
    private final Supplier<CompletionStage<? extends StatefulConnection<String, byte[]>>> connector;
    private final ClientResources resources;
    private final Disposable eventSubscription;
    private final HandshakeRefusals refusals;

    Client(
        AbstractRedisClient client,
        Supplier<CompletionStage<? extends StatefulConnection<String, byte[]>>> connector,
        ClientResources resources,
        Disposable subscription,
        HandshakeRefusals refusals) {
      this.client = client;
      this.connector = connector;
      this.resources = resources;
      this.eventSubscription = subscription;
      this.refusals = refusals;
    }

    /**
     * Connects: to the one server, the master the sentinels name, or the cluster (a connection that
     * routes each command to its slot's master). A failure carries the server's refusal when there
     * was one.
     */
    CompletableFuture<StatefulConnection<String, byte[]>> connect() {
      long started = System.nanoTime();
      CompletionStage<? extends StatefulConnection<String, byte[]>> connecting;
      try {
        connecting = connector.get();
      } catch (RuntimeException e) { // Lettuce throws some failures instead of failing the stage
        connecting = CompletableFuture.failedFuture(e);
      }
      return connecting
          .toCompletableFuture()
          .handle(
              (connection, failure) -> {
                if (failure != null) {
                  throw new CompletionException(
                      refusals.explain(Failures.unwrap(failure), started));
                }
                return (StatefulConnection<String, byte[]>) connection;
              });
    }

    CompletableFuture<Void> shutdown(Duration timeout) {
      eventSubscription.dispose();
      long millis = timeout.toMillis();
      return client
          .shutdownAsync(0, millis, TimeUnit.MILLISECONDS)
          .thenCompose(
              ignored -> toCompletable(resources.shutdown(0, millis, TimeUnit.MILLISECONDS)))
          .orTimeout(millis + 500, TimeUnit.MILLISECONDS);
    }

    private static CompletableFuture<Void> toCompletable(
        io.netty.util.concurrent.Future<Boolean> future) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      future.addListener(
          f -> {
            if (f.isSuccess()) {
              done.complete(null);
            } else {
              done.completeExceptionally(f.cause());
            }
          });
      return done;
    }
  }

  /**
   * The commands of a connection, whatever it reaches: the cluster connection's routing commands
   * and a single server's commands share this interface, so machines never ask which it is.
   */
  static RedisClusterAsyncCommands<String, byte[]> commands(
      StatefulConnection<String, byte[]> connection) {
    if (connection instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
      return cluster.async();
    }
    return ((StatefulRedisConnection<String, byte[]>) connection).async();
  }

  static Client create(ConnectionString settings, FailureNotifier notifier) {
    if (settings.deployment() == ConnectionString.Deployment.SOCKET
        && !Transports.NativeTransports.isDomainSocketSupported()) {
      throw new ManagerCreationException(
          MachineError.of(
              RedisErrorCode.NO_NATIVE_TRANSPORT,
              "a unix socket needs Netty's native transport (netty-transport-native-epoll on"
                  + " Linux, -kqueue on macOS) for this platform ("
                  + System.getProperty("os.name")
                  + " "
                  + System.getProperty("os.arch")
                  + "), and none is on the class path"));
    }
    SslOptions ssl = settings.tls() ? sslOptions(settings) : null;
    HandshakeRefusals refusals = new HandshakeRefusals();
    ClientResources resources =
        DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            .nettyCustomizer(new PipelineChanges(refusals))
            .reconnectDelay(
                () ->
                    Delay.exponential(
                        RECONNECT_DELAY_MIN, RECONNECT_DELAY_MAX, 2, TimeUnit.MILLISECONDS))
            .build();
    AbstractRedisClient client;
    Supplier<CompletionStage<? extends StatefulConnection<String, byte[]>>> connector;
    if (settings.deployment() == ConnectionString.Deployment.CLUSTER) {
      RedisClusterClient cluster =
          RedisClusterClient.create(resources, LettuceUris.seeds(settings));
      ClusterClientOptions.Builder options = ClusterClientOptions.builder();
      common(options, settings, ssl);
      cluster.setOptions(
          options
              .topologyRefreshOptions(
                  ClusterTopologyRefreshOptions.builder()
                      .enablePeriodicRefresh(CLUSTER_REFRESH_PERIOD)
                      .enableAllAdaptiveRefreshTriggers()
                      .adaptiveRefreshTriggersTimeout(CLUSTER_ADAPTIVE_REFRESH_LIMIT)
                      .refreshTriggersReconnectAttempts(3)
                      .build())
              .validateClusterNodeMembership(true)
              .build());
      client = cluster;
      ClusterConnections connections = new ClusterConnections(cluster, resources);
      connector = connections::connect;
    } else {
      RedisClient single = new AsyncRedisClient(resources);
      ClientOptions.Builder options = ClientOptions.builder();
      common(options, settings, ssl);
      single.setOptions(options.build());
      RedisURI uri = LettuceUris.single(settings);
      client = single;
      connector = () -> single.connectAsync(KeyValueCodec.INSTANCE, uri);
    }
    client.addListener(new Watcher(notifier));
    Disposable subscription =
        resources
            .eventBus()
            .get()
            .filter(ReconnectFailedEvent.class::isInstance)
            .cast(ReconnectFailedEvent.class)
            .subscribe(event -> notifier.reconnectFailed(event.getCause()));
    return new Client(client, connector, resources, subscription, refusals);
  }

  /** The options every deployment shares. */
  private static void common(
      ClientOptions.Builder options, ConnectionString settings, SslOptions ssl) {
    options
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(REQUEST_QUEUE_SIZE)
        .socketOptions(
            SocketOptions.builder()
                .connectTimeout(settings.connectTimeout())
                .keepAlive(true)
                .build())
        .timeoutOptions(CommandTimeouts.options(settings.commandTimeout()));
    settings
        .protocol()
        .or(() -> settings.nearCache() ? java.util.Optional.of(3) : java.util.Optional.empty())
        .ifPresent(
            version ->
                options.protocolVersion(
                    version == 2 ? ProtocolVersion.RESP2 : ProtocolVersion.RESP3));
    if (ssl != null) {
      options.sslOptions(ssl);
    }
  }

  private static SslOptions sslOptions(ConnectionString settings) {
    // The handshake gets the connect timeout too (Lettuce: 10 s): a plaintext server never answers
    // a ClientHello, and that must fail as a TLS failure within the timeout the user chose.
    SslOptions.Builder ssl =
        SslOptions.builder()
            .jdkSslProvider()
            .protocols("TLSv1.3", "TLSv1.2")
            .handshakeTimeout(settings.connectTimeout());
    if (settings.caFile().isPresent()) {
      ssl.trustManager(readable("caFile", settings.caFile().orElseThrow()));
    }
    if (settings.certFile().isPresent()) {
      ssl.keyManager(
          readable("certFile", settings.certFile().orElseThrow()),
          readable("keyFile", settings.keyFile().orElseThrow()),
          null);
    }
    return ssl.build();
  }

  private static File readable(String option, String path) {
    Path file = Path.of(path);
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new ManagerCreationException(
          MachineError.of(
              RedisErrorCode.TLS_MATERIAL,
              option + " " + Text.quote(path) + " is not a readable file"));
    }
    return file.toFile();
  }

  /** Turns connection state changes into unexpected-failure reports. */
  private static final class Watcher implements RedisConnectionStateListener {
    private final FailureNotifier notifier;

    Watcher(FailureNotifier notifier) {
      this.notifier = notifier;
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
      notifier.connected(connection);
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
      if (!connection.isClosed()) { // closed on purpose (release, destroy) is no failure
        notifier.disconnected(connection);
      }
    }
  }
}
