package io.wsboot.benchmarks.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * Netty 4.2 with {@link WebSocketServerProtocolHandler}, on the native epoll transport
 * when it loads and NIO otherwise. Frames are written as they come and flushed once per
 * read batch ({@code channelReadComplete}), as a tuned Netty application does; resource
 * leak detection is off, as in production.
 *
 * @author wsboot
 */
public final class NettyEchoServer implements EchoServer {

	/** Largest upgrade request that is aggregated: 64 KiB. */
	private static final int MAX_HANDSHAKE_BYTES = 64 * 1024;

	/** Pending connections the kernel may queue before accept. */
	private static final int ACCEPT_BACKLOG = 4096;

	private final boolean epoll;

	private @Nullable EventLoopGroup group;

	private @Nullable Channel serverChannel;

	/**
	 * Create the server, choosing epoll when its native library loads.
	 */
	public NettyEchoServer() {
		System.setProperty("io.netty.leakDetection.level", "disabled");
		this.epoll = Epoll.isAvailable();
	}

	@Override
	public int start(int port) throws Exception {
		IoHandlerFactory ioHandler = this.epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		Class<? extends ServerChannel> channelType = this.epoll ? EpollServerSocketChannel.class
				: NioServerSocketChannel.class;
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), ioHandler);
		this.group = group;
		WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
			.websocketPath(PATH)
			.decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(MAX_MESSAGE_BYTES).build())
			.build();
		EchoHandler echo = new EchoHandler();
		ServerBootstrap bootstrap = new ServerBootstrap().group(group)
			.channel(channelType)
			.option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_HANDSHAKE_BYTES),
								new WebSocketServerProtocolHandler(config),
								new WebSocketFrameAggregator(MAX_MESSAGE_BYTES), echo);
				}

			});
		Channel channel = bootstrap.bind("127.0.0.1", port).sync().channel();
		this.serverChannel = channel;
		return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
	}

	@Override
	public String transport() {
		return this.epoll ? "native epoll" : "NIO";
	}

	@Override
	public void close() {
		Channel channel = this.serverChannel;
		if (channel != null) {
			channel.close().syncUninterruptibly();
		}
		EventLoopGroup group = this.group;
		if (group != null) {
			group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

	@Sharable
	private static final class EchoHandler extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object message) {
			if (message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame) {
				// the frame goes back out as it is: the encoder releases it once written
				ctx.write(message, ctx.voidPromise());
			}
			else {
				ReferenceCountUtil.release(message);
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

	}

}
