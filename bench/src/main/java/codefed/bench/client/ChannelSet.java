package codefed.bench.client;

import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A few mTLS channels (one HTTP/2 connection each) to one loopback port; calls are spread over them
 * round robin. Callbacks run on the transport threads (direct executor): the generator's work per
 * completion is tiny and must not queue behind a pool.
 */
public final class ChannelSet implements AutoCloseable {
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
      list.add(
          Grpc.newChannelBuilderForAddress("127.0.0.1", port, credentials)
              .directExecutor()
              .build());
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
        list.addAll(open(port, credentials, 1).channels);
      }
    }
    return new ChannelSet(list, ports.size());
  }

  /** Which port (its index in {@link #openAll}'s list) call number {@code index} goes to. */
  public int target(long index) {
    return (int) Math.floorMod(Math.floorMod(index, (long) channels.size()), (long) ports);
  }

  /** The channel for call number {@code index}. */
  public ManagedChannel channel(long index) {
    return channels.get((int) Math.floorMod(index, (long) channels.size()));
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
