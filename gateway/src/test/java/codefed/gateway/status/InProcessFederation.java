package codefed.gateway.status;

import codefed.time.MutableClock;
import healthcode.config.v1.FederationPeer;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * In-process nodes for some issuers and a started {@link FederatedStatusSource} routed to them,
 * with a fake clock and a recording listener.
 */
final class InProcessFederation implements AutoCloseable {
  static final Instant START = Instant.parse("2021-02-01T08:00:00Z");

  final MutableClock clock = new MutableClock(START);

  /** Change-stream liveness time: still unless a test moves it. */
  final FakeTicker ticker = new FakeTicker();

  final TestSigning signing = new TestSigning();
  final RecordingListener listener = new RecordingListener();
  final Map<String, FakeNode> nodes = new LinkedHashMap<>();

  /** The from_sequence of each issuer's first change stream. */
  final Map<String, Long> firstWatchFrom = new LinkedHashMap<>();

  final FederatedStatusSource source;
  private final List<Server> servers = new ArrayList<>();

  InProcessFederation(UnaryOperator<FederatedStatusSource.Builder> options, String... issuers) {
    Map<String, String> names = new LinkedHashMap<>();
    List<FederationPeer> peers = new ArrayList<>();
    for (String issuer : issuers) {
      FakeNode node = new FakeNode(issuer, signing, clock);
      String name = InProcessServerBuilder.generateName();
      try {
        servers.add(
            InProcessServerBuilder.forName(name).directExecutor().addService(node).build().start());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      nodes.put(issuer, node);
      names.put(issuer, name);
      peers.add(FederationPeer.newBuilder().setIssuer(issuer).addAddresses("in-process").build());
    }
    FederatedStatusSource.Builder builder =
        FederatedStatusSource.builder()
            .peers(peers)
            .channelFactory(
                issuer ->
                    InProcessChannelBuilder.forName(names.get(issuer)).directExecutor().build())
            .trustList(signing.trustList())
            .clock(clock)
            .ticker(ticker)
            .listener(listener)
            .watchBackoff(Duration.ZERO, Duration.ZERO)
            // generous: a loaded CI machine may take long over a first call; deadline tests
            // set their own
            .nodeDeadline(Duration.ofSeconds(10));
    source = options.apply(builder).build();
    source.start();
    for (FakeNode node : nodes.values()) {
      try {
        firstWatchFrom.put(node.issuer, Await.next("stream to " + node.issuer, node.watchRequests));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  InProcessFederation(String... issuers) {
    this(b -> b, issuers);
  }

  FakeNode node(String issuer) {
    return nodes.get(issuer);
  }

  @Override
  public void close() {
    source.close();
    servers.forEach(Server::shutdownNow);
  }
}
