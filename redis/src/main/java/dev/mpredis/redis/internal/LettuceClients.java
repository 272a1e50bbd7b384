package dev.mpredis.redis.internal;

import dev.mpredis.machine.MachineError;
import dev.mpredis.redis.RedisErrorCode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import io.lettuce.core.protocol.CommandEncoder;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.io.File;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

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
 *   <li>TCP keep-alive on; TLS verifies the host name unless the string says otherwise;
 *   <li>flushes of concurrent commands coalesced into one write;
 *   <li>nothing Lettuce may log holds a password or its length: the URI gets credentials it prints
 *       as {@code ****}, and commands are encoded without Lettuce's TRACE dump of their bytes;
 *   <li>two I/O threads and two computation threads per manager, stopped by {@code
 *       destroy-manager}.
 * </ul>
 */
final class LettuceClients {

  /** Most commands queued on one connection. */
  static final int REQUEST_QUEUE_SIZE = 65_536;

  static final Duration RECONNECT_DELAY_MIN = Duration.ofMillis(10);
  static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(1);

  private LettuceClients() {}

  /** A manager's client, its resources and its watchers. */
  static final class Client {
    private final RedisClient client;
    private final ClientResources resources;
    private final RedisURI uri;
    private final Disposable eventSubscription;

    Client(RedisClient client, ClientResources resources, RedisURI uri, Disposable subscription) {
      this.client = client;
      this.resources = resources;
      this.uri = uri;
      this.eventSubscription = subscription;
    }

    CompletableFuture<StatefulRedisConnection<String, byte[]>> connect() {
      return client.connectAsync(KeyValueCodec.INSTANCE, uri).toCompletableFuture();
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

  static Client create(ConnectionSettings settings, FailureNotifier notifier) {
    SslOptions ssl = settings.tls() ? sslOptions(settings) : null;
    ClientResources resources =
        DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            .nettyCustomizer(new PipelineChanges())
            .reconnectDelay(
                () ->
                    Delay.exponential(
                        RECONNECT_DELAY_MIN, RECONNECT_DELAY_MAX, 2, TimeUnit.MILLISECONDS))
            .build();
    RedisURI uri = uri(settings);
    RedisClient client = RedisClient.create(resources);
    ClientOptions.Builder options =
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .requestQueueSize(REQUEST_QUEUE_SIZE)
            .socketOptions(
                SocketOptions.builder()
                    .connectTimeout(settings.connectTimeout())
                    .keepAlive(true)
                    .build())
            .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()));
    if (settings.protocol() != null) {
      options.protocolVersion(
          settings.protocol() == 2 ? ProtocolVersion.RESP2 : ProtocolVersion.RESP3);
    }
    if (ssl != null) {
      options.sslOptions(ssl);
    }
    client.setOptions(options.build());
    client.addListener(new Watcher(notifier));
    Disposable subscription =
        resources
            .eventBus()
            .get()
            .filter(ReconnectFailedEvent.class::isInstance)
            .cast(ReconnectFailedEvent.class)
            .subscribe(event -> notifier.reconnectFailed(event.getCause()));
    return new Client(client, resources, uri, subscription);
  }

  private static RedisURI uri(ConnectionSettings settings) {
    RedisURI.Builder uri =
        RedisURI.builder()
            .withHost(settings.host())
            .withPort(settings.port())
            .withDatabase(settings.database())
            .withTimeout(settings.commandTimeout());
    if (settings.password() != null) {
      uri.withAuthentication(new UnprintableCredentials(settings.username(), settings.password()));
    }
    if (settings.clientName() != null) {
      uri.withClientName(settings.clientName());
    }
    if (settings.tls()) {
      uri.withSsl(true)
          .withVerifyPeer(
              switch (settings.verifyPeer()) {
                case FULL -> SslVerifyMode.FULL;
                case CA -> SslVerifyMode.CA;
                case NONE -> SslVerifyMode.NONE;
              });
    }
    return uri.build();
  }

  private static SslOptions sslOptions(ConnectionSettings settings) {
    SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider().protocols("TLSv1.3", "TLSv1.2");
    if (settings.caFile() != null) {
      ssl.trustManager(readable("caFile", settings.caFile()));
    }
    if (settings.certFile() != null) {
      ssl.keyManager(
          readable("certFile", settings.certFile()), readable("keyFile", settings.keyFile()), null);
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

  /**
   * Our changes to each connection's pipeline, made again on every reconnect.
   *
   * <ul>
   *   <li>Coalesces the flushes of commands issued concurrently: Lettuce writes and flushes every
   *       command on its own (a system call each); with this, commands that queue up on the event
   *       loop while a flush is pending leave in one write.
   *   <li>Replaces Lettuce's command encoder, which at TRACE logs every command's bytes, the
   *       password of the handshake's HELLO/AUTH and of {@code authenticate} included, with one
   *       that logs nothing.
   * </ul>
   */
  private static final class PipelineChanges implements NettyCustomizer {
    @Override
    public void afterChannelInitialized(Channel channel) {
      channel.pipeline().addFirst(new FlushConsolidationHandler(256, true));
      if (channel.pipeline().get(CommandEncoder.class) != null) {
        channel.pipeline().replace(CommandEncoder.class, "quietEncoder", new QuietEncoder());
      }
    }
  }

  /** Encodes commands as Lettuce's {@link CommandEncoder} does, without logging their bytes. */
  private static final class QuietEncoder extends MessageToByteEncoder<Object> {
    @Override
    protected void encode(ChannelHandlerContext ctx, Object message, ByteBuf out) {
      if (message instanceof RedisCommand<?, ?, ?> command) {
        encode(ctx, command, out);
      } else if (message instanceof Collection<?> commands) {
        for (Object command : commands) {
          encode(ctx, (RedisCommand<?, ?, ?>) command, out);
        }
      }
    }

    private static void encode(
        ChannelHandlerContext ctx, RedisCommand<?, ?, ?> command, ByteBuf out) {
      try {
        command.encode(out);
      } catch (RuntimeException e) {
        ctx.close(); // part of a command may be written: what follows would be out of step
        throw new EncoderException(
            "cannot encode a " + command.getType() + " command; the connection is closed", e);
      }
    }
  }

  /**
   * Credentials Lettuce cannot print. Lettuce's handshake reads an immediate provider's {@link
   * #resolveCredentialsNow()}; the only other reader, {@code RedisURI.toString()} (logged at DEBUG
   * on every connect), resolves {@link #resolveCredentials()} and prints one {@code *} per password
   * character: here it gets the fixed mask. Should a later Lettuce authenticate through {@link
   * #resolveCredentials()}, the server refuses the mask (a failure the server tests show), the
   * password still unprinted.
   */
  static final class UnprintableCredentials
      implements RedisCredentialsProvider.ImmediateRedisCredentialsProvider {
    private final RedisCredentials credentials;
    private final RedisCredentials masked;

    UnprintableCredentials(String username, String password) {
      this.credentials = RedisCredentials.just(username, password);
      this.masked = RedisCredentials.just(username, Secrets.MASK);
    }

    @Override
    public RedisCredentials resolveCredentialsNow() {
      return credentials;
    }

    @Override
    public Mono<RedisCredentials> resolveCredentials() {
      return Mono.just(masked);
    }

    @Override
    public String toString() {
      return "UnprintableCredentials[username="
          + credentials.getUsername()
          + ", password="
          + Secrets.MASK
          + "]";
    }
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
