package io.tideway.infra.stack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoThreadFactory;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/**
 * The embedded store's network side: the library's {@code MongoServer} (same handlers, options and
 * threads) with the store's request decoder ({@link StoreRequests}) and reply encoders ({@link
 * StoreReplies}), which the library builds inside {@code MongoServer.bind} and offers no way to
 * replace.
 */
final class StoreServer implements AutoCloseable {

  private final EventLoopGroup boss =
      new NioEventLoopGroup(0, new MongoThreadFactory("mongo-server-boss"));

  private final EventLoopGroup workers =
      new NioEventLoopGroup(0, new MongoThreadFactory("mongo-server-worker"));

  private final ChannelGroup clients = new DefaultChannelGroup("mongodb-channels", workers.next());

  private final Channel listening;

  private StoreServer(MongoBackend backend, InetSocketAddress address) {
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 100)
            .localAddress(address)
            .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  public void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(new StoreReplies.ReplyEncoder())
                        .addLast(new StoreReplies.MessageEncoder())
                        .addLast(new StoreRequests())
                        .addLast(new MongoDatabaseHandler(backend, clients))
                        .addLast(new MongoExceptionHandler());
                  }
                });
    try {
      listening = bootstrap.bind().syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      shutDownGroups();
      throw e;
    }
  }

  /** Serves {@code backend} on {@code host:port} (port 0: any free port). */
  static StoreServer bind(MongoBackend backend, String host, int port) {
    return new StoreServer(backend, new InetSocketAddress(host, port));
  }

  /** The port it listens on. */
  int port() {
    return ((InetSocketAddress) listening.localAddress()).getPort();
  }

  /**
   * Stops listening and closes every client connection without waiting for a busy worker, as the
   * library's {@code shutdownNow}; the backend is closed by its owner.
   */
  @Override
  public void close() {
    listening.close().syncUninterruptibly();
    clients.close().syncUninterruptibly();
    shutDownGroups();
  }

  private void shutDownGroups() {
    boss.shutdownGracefully(0, 5, java.util.concurrent.TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 5, java.util.concurrent.TimeUnit.SECONDS);
  }
}
