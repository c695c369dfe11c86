package codefed.bench.client;

import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoop;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A few mTLS channels (one HTTP/2 connection each) to one loopback port; calls are spread over them
 * round robin. They share the generator's own two event loop threads (its whole client side; {@code
 * -Dcodefed.bench.loops=N} for another number), and callbacks run on them (direct executor): the
 * generator's work per completion is tiny and must not queue behind a pool, and a few threads batch
 * reads and writes instead of waking many that compete with the servers for this machine's two
 * cores. One loop costs less per call but cannot pace an open loop at half of the bare echo's
 * maximum (it falls behind); two can.
 */
public final class ChannelSet implements AutoCloseable {
  private static final boolean EPOLL = Epoll.isAvailable();
  private static final EventLoopGroup LOOPS =
      new MultiThreadIoEventLoopGroup(
          Integer.getInteger("codefed.bench.loops", 2),
          new DefaultThreadFactory("load-loop", true),
          EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  private static final List<EventLoop> LOOP_LIST = loopList();

  private static List<EventLoop> loopList() {
    List<EventLoop> loops = new ArrayList<>();
    LOOPS.forEach(e -> loops.add((EventLoop) e));
    return List.copyOf(loops);
  }

  private final List<ManagedChannel> channels;
  private final int ports;

  private ChannelSet(List<ManagedChannel> channels) {
    this(channels, 1);
  }

  private ChannelSet(List<ManagedChannel> channels, int ports) {
    this.channels = List.copyOf(channels);
    this.ports = ports;
  }

  public static ChannelSet open(int port, ChannelCredentials credentials, int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("channels: " + count + " (expected: > 0)");
    }
    List<ManagedChannel> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(channel(port, credentials, i));
    }
    return new ChannelSet(list);
  }

  /**
   * {@code countPerPort} channels to each of {@code ports}, interleaved (a, b, a, b, …): call
   * number i goes to port {@link #target}(i), so consecutive calls go round robin over the ports,
   * as a fleet's clients spread scans over its gateways.
   */
  public static ChannelSet openAll(
      List<Integer> ports, ChannelCredentials credentials, int countPerPort) {
    if (ports.isEmpty() || countPerPort <= 0) {
      throw new IllegalArgumentException(
          "ports: "
              + ports
              + ", channels: "
              + countPerPort
              + " (expected: at least one port, > 0 channels)");
    }
    List<ManagedChannel> list = new ArrayList<>();
    for (int i = 0; i < countPerPort; i++) {
      for (int port : ports) {
        list.add(channel(port, credentials, list.size()));
      }
    }
    return new ChannelSet(list, ports.size());
  }

  /**
   * Channel number {@code position} of a set: bound to loop {@code position} modulo their number.
   */
  private static ManagedChannel channel(int port, ChannelCredentials credentials, int position) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port, credentials)
        .eventLoopGroup(LOOP_LIST.get(position % LOOP_LIST.size()))
        .channelType(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
        .directExecutor()
        .build();
  }

  /** Which port (its index in {@link #openAll}'s list) call number {@code index} goes to. */
  public int target(long index) {
    return (int) Math.floorMod(Math.floorMod(index, (long) channels.size()), (long) ports);
  }

  /** The channel for call number {@code index}. */
  public ManagedChannel channel(long index) {
    return channels.get((int) Math.floorMod(index, (long) channels.size()));
  }

  /**
   * The generator's event loops, in the order channels are bound to them: channel i runs on loop i
   * modulo their number, so call number k (channel k modulo the channel count) runs on loop k
   * modulo their number whenever that divides the channel count. An open loop starts each call on
   * its own channel's loop.
   */
  public List<ScheduledExecutorService> loops() {
    List<ScheduledExecutorService> all = List.copyOf(LOOP_LIST);
    return channels.size() % all.size() == 0 ? all : List.of(all.get(0));
  }

  public List<ManagedChannel> all() {
    return channels;
  }

  public int size() {
    return channels.size();
  }

  /** Starts connecting every channel and waits (bounded) until each is READY or failing. */
  public void connect(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ManagedChannel c : channels) {
      ConnectivityState s = c.getState(true);
      while (s != ConnectivityState.READY
          && s != ConnectivityState.TRANSIENT_FAILURE
          && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        s = c.getState(true);
      }
    }
  }

  @Override
  public void close() {
    for (ManagedChannel c : channels) {
      c.shutdownNow();
    }
    for (ManagedChannel c : channels) {
      try {
        c.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
