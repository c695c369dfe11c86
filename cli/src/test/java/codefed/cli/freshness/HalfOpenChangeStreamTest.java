package codefed.cli.freshness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import codefed.cli.drill.Drill;
import codefed.gateway.config.GatewayOptions;
import codefed.gateway.metrics.GatewayMetrics;
import codefed.gateway.recognition.RecognitionAnswer;
import codefed.gateway.recognition.ScanRequest;
import codefed.gateway.server.GatewayServer;
import codefed.gateway.status.FederatedStatusSource;
import codefed.node.ProvinceNode;
import codefed.node.issuance.IssueOptions;
import codefed.node.issuance.IssuedCode;
import codefed.pki.Role;
import com.github.benmanes.caffeine.cache.Ticker;
import healthcode.config.v1.FederationPeer;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A half-open change stream, end to end: a real node and gateway over mTLS with a TCP relay between
 * them that stops forwarding without closing. The gateway declares the stream down just past its
 * silence limit (15 s on its liveness ticker; the metric goes to 0), stops serving the cached
 * green, and the red the node set meanwhile is what the next scan shows.
 */
class HalfOpenChangeStreamTest {
  static final String NODE = "140000";
  static final String GATEWAY = "150000";
  static final Instant START = OffsetDateTime.parse("2021-02-01T10:00:00+08:00").toInstant();
  static final Duration SILENCE = FederatedStatusSource.DEFAULT_STREAM_SILENCE;

  @TempDir Path dir;

  private final AtomicLong tickerNanos = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = tickerNanos::get;
  private Drill drill;
  private FreezableTcpProxy proxy;
  private GatewayServer gateway;
  private FederatedStatusSource source;

  @AfterEach
  void tearDown() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (source != null) {
      source.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (drill != null) {
      drill.close();
    }
  }

  @Test
  void frozenRelay_streamDownJustPastTheLimit_metricZero_nextScanShowsTheNodesNewColor()
      throws Exception {
    drill =
        Drill.start(dir, Set.of(NODE), Set.of(GATEWAY), START, START.minus(Duration.ofDays(30)), 0);
    ProvinceNode node = drill.node(NODE);
    proxy = new FreezableTcpProxy(node.port());
    GatewayMetrics metrics = new GatewayMetrics();
    source =
        FederatedStatusSource.builder()
            .pki(drill.pki())
            .gatewayName(GATEWAY)
            .peers(
                List.of(
                    FederationPeer.newBuilder()
                        .setIssuer(NODE)
                        .addAddresses("localhost:" + proxy.port())
                        .setExpectedIdentity(drill.pki().spiffeId(Role.NODE, NODE).toString())
                        .build()))
            .trustList(drill.pki().trustList())
            .clock(drill.clock())
            .ticker(ticker)
            .listener(metrics)
            .nodeDeadline(Duration.ofSeconds(5))
            .build();
    source.start();
    gateway =
        GatewayServer.builder(
                GatewayOptions.builder(GATEWAY)
                    .identity(GATEWAY)
                    .pkiDir(drill.pki().root())
                    .port(0)
                    .auditDir(dir.resolve("audit"))
                    .hmacKeyFile(drill.hmacKeyFile(GATEWAY))
                    .build())
            .clock(drill.clock())
            .statusSource(source)
            .metrics(metrics)
            .build();
    gateway.start();
    IssuedCode code = node.issue(IssueOptions.builder().noSnapshot().build());

    assertThat(scan(code).result().outcome()).isEqualTo(Outcome.OUTCOME_PASS);
    RecognitionAnswer cached = scan(code);
    assertThat(cached.fromCache()).isTrue();
    awaitTrue("stream up", () -> metrics.changeStreamUp(NODE));
    int connectionsBefore = proxy.accepted();

    proxy.freezeOpenConnections();
    node.setStatus(code.codeId(), Set.of(Reason.REASON_CLOSE_CONTACT), List.of()); // red, unheard

    tickerNanos.addAndGet(SILENCE.toNanos());
    assertThat(source.changeStreamUp(NODE)).as("exactly at the silence limit").isTrue();
    tickerNanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(source.changeStreamUp(NODE)).as("just past the silence limit").isFalse();
    awaitTrue(
        "metric down",
        () -> metrics.render().contains("codefed_change_stream_up{issuer=\"140000\"} 0"));

    drill.clock().advance(FederatedStatusSource.DEFAULT_UNHEALTHY_CACHE_AGE);
    RecognitionAnswer after = scan(code);

    assertThat(after.result().outcome()).isEqualTo(Outcome.OUTCOME_CONTROL);
    assertThat(after.fromCache()).isFalse();
    assertThat(proxy.accepted())
        .as("a new connection past the frozen one")
        .isGreaterThan(connectionsBefore);
    awaitTrue("stream up again on the new connection", () -> metrics.changeStreamUp(NODE));
  }

  private RecognitionAnswer scan(IssuedCode code) throws Exception {
    return gateway
        .recognizer()
        .recognize(
            ScanRequest.of(
                "scan.",
                "checkpoint-1",
                CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                code.qrText(),
                OptionalDouble.empty()));
  }

  /** Bounded wait for work on other threads (the stream, the liveness check). */
  static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail("not within 20 s: " + what);
      }
      Thread.sleep(10);
    }
  }
}
