package codefed.cli.freshness;

import static codefed.cli.freshness.HalfOpenChangeStreamTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import codefed.cli.drill.Drill;
import codefed.cli.drill.DrillGateway;
import codefed.node.ProvinceNode;
import codefed.node.fault.FaultSettings;
import codefed.node.issuance.IssueOptions;
import codefed.node.issuance.IssuedCode;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One checkpoint's impatience must not open a province's breaker for everybody: scans whose caller
 * deadline (40 ms) expires while the node takes 100 ms (the node's own fault injection) end for
 * that caller only. The gateway's node calls run on its own deadline, detached from the caller,
 * finish normally, and count as successes; the breaker stays closed and the next normal scan from
 * another checkpoint passes.
 */
class CallerDeadlineIsolationTest {
  static final String NODE = "140000";
  static final String GATEWAY = "150000";
  static final Instant START = OffsetDateTime.parse("2021-02-01T10:00:00+08:00").toInstant();
  static final int IMPATIENT_SCANS = 10;

  @TempDir Path dir;

  private Drill drill;
  private DrillGateway gateway;
  private ManagedChannel impatient;

  @AfterEach
  void tearDown() throws Exception {
    if (impatient != null) {
      impatient.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (gateway != null) {
      gateway.close();
    }
    if (drill != null) {
      drill.close();
    }
  }

  @Test
  void callerDeadlinesExpiringDuringNodeCalls_neitherFailNodeCallsNorOpenTheBreaker()
      throws Exception {
    drill =
        Drill.start(dir, Set.of(NODE), Set.of(GATEWAY), START, START.minus(Duration.ofDays(30)), 0);
    ProvinceNode node = drill.node(NODE);
    gateway = drill.gateway(GATEWAY, dir.resolve("audit"));
    // Warm the connection first, so the deadline expires during a node call, not a handshake.
    assertThat(
            gateway
                .scan(
                    issue(node).qrText(),
                    CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                    OptionalDouble.empty())
                .getOutcome())
        .isEqualTo(Outcome.OUTCOME_PASS);
    impatient =
        Grpc.newChannelBuilderForAddress(
                "localhost",
                gateway.port(),
                MtlsCredentials.client(drill.pki(), Role.CHECKPOINT, Drill.CHECKPOINT))
            .build();
    assertThat(
            RecognitionServiceGrpc.newBlockingStub(impatient)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .recognize(request(issue(node)))
                .getDecision()
                .getOutcome())
        .isEqualTo(Outcome.OUTCOME_PASS);
    long okBefore = count("codefed_node_call_seconds_count", "outcome=\"ok\"");
    long callsBefore = count("codefed_node_call_seconds_count", "outcome=");
    long missesBefore = count("codefed_status_cache_total", "result=\"miss\"");
    node.faults().set(new FaultSettings(Duration.ofMillis(100), 0, false, false));

    List<Status.Code> seen = new ArrayList<>();
    for (int i = 0; i < IMPATIENT_SCANS; i++) { // each a code not cached yet: each needs the node
      StatusRuntimeException e =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  RecognitionServiceGrpc.newBlockingStub(impatient)
                      .withDeadlineAfter(40, TimeUnit.MILLISECONDS)
                      .recognize(request(issue(node))));
      seen.add(e == null ? Status.Code.OK : e.getStatus().getCode());
    }
    assertThat(seen)
        .as("the impatient caller's own view")
        .containsOnly(Status.Code.DEADLINE_EXCEEDED);
    // Scans that got as far as the node (on a loaded machine some expire before): each node call
    // takes 100 ms, so each outlived its 40 ms caller. They finish on the gateway's own deadline.
    awaitTrue(
        "the impatient scans' node calls finished",
        () ->
            count("codefed_node_call_seconds_count", "outcome=") - callsBefore
                == count("codefed_status_cache_total", "result=\"miss\"") - missesBefore);
    long reachedNode = count("codefed_status_cache_total", "result=\"miss\"") - missesBefore;
    assertThat(reachedNode).as("impatient scans that reached the node call").isPositive();
    assertThat(count("codefed_node_call_seconds_count", "outcome=\"ok\"") - okBefore)
        .as("every one of their node calls succeeded")
        .isEqualTo(reachedNode);

    String metrics = gateway.metrics().render();
    assertThat(metrics).contains("codefed_circuit_state{issuer=\"140000\",state=\"CLOSED\"} 1");
    assertThat(metrics)
        .doesNotContain("outcome=\"deadline_exceeded\"")
        .doesNotContain("outcome=\"cancelled\"")
        .doesNotContain("outcome=\"circuit_open\"");
    node.faults().set(FaultSettings.NONE);
    Decision next =
        gateway.scan(
            issue(node).qrText(), CheckpointType.CHECKPOINT_TYPE_TRAFFIC, OptionalDouble.empty());
    assertThat(next.getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(next.getFromCache()).as("asked the node, whose breaker let it through").isFalse();
  }

  /** The sum of a metric's samples for issuer 140000 whose labels contain {@code label}. */
  private long count(String metric, String label) {
    return gateway
        .metrics()
        .render()
        .lines()
        .filter(
            l -> l.startsWith(metric + "{") && l.contains("issuer=\"140000\"") && l.contains(label))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private IssuedCode issue(ProvinceNode node) throws Exception {
    return node.issue(IssueOptions.builder().noSnapshot().build());
  }

  private static RecognizeRequest request(IssuedCode code) {
    return RecognizeRequest.newBuilder()
        .setScan(
            Scan.newBuilder()
                .setQrText(code.qrText())
                .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC))
        .build();
  }
}
