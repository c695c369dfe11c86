package codefed.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.node.ProvinceNode;
import codefed.node.declaration.Declarations;
import codefed.node.fault.FaultSettings;
import codefed.node.issuance.IssueOptions;
import codefed.node.region.Regions;
import codefed.node.registry.CodeId;
import codefed.node.status.HolderStatus;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.TestPki;
import codefed.time.MutableClock;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Declaration;
import healthcode.federation.v1.IssueCodeRequest;
import healthcode.federation.v1.NodeDrillServiceGrpc;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskArea;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SetFaultRequest;
import healthcode.federation.v1.SetRiskAreasRequest;
import healthcode.federation.v1.UpdateStatusRequest;
import healthcode.federation.v1.VerifyCodeRequest;
import healthcode.federation.v1.WatchStatusChangesRequest;
import healthcode.federation.v1.WatchStatusChangesResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authority per province over real mutual TLS (Netty on ephemeral ports, the project's own PKI):
 * every province's platform against every other province's node, for every writing RPC — and what
 * must not happen (no code issued, no color changed, no change published, no fault set). The
 * national platform is one of the provinces here: it too writes only on its own node.
 */
class ProvinceAuthorityMtlsTest {
  private static final List<String> PROVINCES = List.of("140000", "420000", "NATIONAL");

  /** The seeded code's holder travelled from Wuchang: Hubei at HIGH would turn it red. */
  private static final String ORIGIN = "420106";

  @TempDir static Path dir;
  static PkiDirectory pki;

  private final MutableClock clock = MutableClock.at("2020-03-20T09:00:00+08:00");
  private final Map<String, ProvinceNode> nodes = new LinkedHashMap<>();
  private final Map<String, CodeId> seeded = new LinkedHashMap<>();
  private final Map<String, HolderStatus> before = new LinkedHashMap<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  /** One writing RPC, called as some platform on some node. */
  private record Write(String name, Function<ManagedChannel, Object> call) {}

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir, PROVINCES.toArray(String[]::new));
  }

  @AfterEach
  void stop() throws Exception {
    for (ManagedChannel c : channels) {
      c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    nodes.values().forEach(ProvinceNode::close);
  }

  @TestFactory
  Stream<DynamicTest>
      foreignPlatform_everyWriteOnEveryOtherNode_permissionDenied_andNothingChanges()
          throws Exception {
    startNodes(true);
    List<DynamicTest> tests = new ArrayList<>();
    for (String platform : PROVINCES) {
      for (String node : PROVINCES) {
        if (platform.equals(node)) {
          continue;
        }
        for (Write write : writes(node)) {
          tests.add(
              DynamicTest.dynamicTest(
                  "platform/" + platform + " " + write.name() + " on node " + node,
                  () -> {
                    ManagedChannel channel = channel(Role.PLATFORM, platform, node);
                    assertThatThrownBy(() -> write.call().apply(channel))
                        .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> {
                              assertThat(e.getStatus().getCode())
                                  .isEqualTo(Status.Code.PERMISSION_DENIED);
                              assertThat(e.getStatus().getDescription())
                                  .isEqualTo(
                                      "platform/"
                                          + platform
                                          + " may write only on node "
                                          + platform
                                          + "; this is node "
                                          + node);
                              assertThat(
                                      io.grpc.protobuf.StatusProto.fromThrowable(e)
                                          .getDetailsList())
                                  .singleElement()
                                  .satisfies(
                                      d -> {
                                        com.google.rpc.ErrorInfo info =
                                            d.unpack(com.google.rpc.ErrorInfo.class);
                                        assertThat(info.getReason())
                                            .isEqualTo("WRITE_NOT_AUTHORIZED");
                                        assertThat(info.getMetadataMap())
                                            .containsEntry("node", node);
                                      });
                            });
                    assertNothingChanged();
                  }));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void foreignWrites_publishNothing_theOwnPlatformsNextChangeIsTheFirstEvent() throws Exception {
    startNodes(true);
    Map<String, BlockingQueue<WatchStatusChangesResponse>> streams = new LinkedHashMap<>();
    for (String node : PROVINCES) {
      streams.put(node, watch(node));
    }
    for (String platform : PROVINCES) {
      for (String node : PROVINCES) {
        if (!platform.equals(node)) {
          ManagedChannel channel = channel(Role.PLATFORM, platform, node);
          for (Write write : writes(node)) {
            assertThatThrownBy(() -> write.call().apply(channel))
                .isInstanceOf(StatusRuntimeException.class);
          }
        }
      }
    }
    for (String node : PROVINCES) {
      long sequence =
          ProvinceNodeServiceGrpc.newBlockingStub(channel(Role.PLATFORM, node, node))
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .updateStatus(closeContact(seeded.get(node)))
              .getSequence();

      WatchStatusChangesResponse first = streams.get(node).poll(10, TimeUnit.SECONDS);
      while (first != null
          && first.getHeartbeat()) { // heartbeats say the stream is alive, not a change
        assertThat(first.getHeadSequence())
            .as("head before the first change on node %s", node)
            .isZero();
        first = streams.get(node).poll(10, TimeUnit.SECONDS);
      }
      assertThat(first).as("first change on node %s", node).isNotNull();
      assertThat(first.getSequence()).isEqualTo(1).isEqualTo(sequence);
      assertThat(first.getColor()).isEqualTo(Color.COLOR_RED);
      assertThat(first.getCodeId()).isEqualTo(ByteString.copyFrom(seeded.get(node).toBytes()));
    }
  }

  @Test
  void ownPlatform_everyWriteSucceeds_onEachNode() throws Exception {
    startNodes(true);
    for (String node : PROVINCES) {
      ManagedChannel own = channel(Role.PLATFORM, node, node);
      ProvinceNode target = nodes.get(node);
      int codes = target.codes();
      var writes = writes(node);

      writes.get(0).call().apply(own);
      assertThat(target.codes()).isEqualTo(codes + 1);
      writes.get(1).call().apply(own);
      assertThat(target.status(seeded.get(node)).orElseThrow().color()).isEqualTo(Color.COLOR_RED);
      writes.get(2).call().apply(own);
      assertThat(target.core().book().riskAreas().levelOf(ORIGIN))
          .isEqualTo(RiskLevel.RISK_LEVEL_HIGH);
      writes.get(3).call().apply(own);
      assertThat(target.faults().isDown()).isTrue();
      assertThatThrownBy(
              () ->
                  ProvinceNodeServiceGrpc.newBlockingStub(channel(Role.GATEWAY, node, node))
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .verifyCode(verify(seeded.get(node))))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
      NodeDrillServiceGrpc.newBlockingStub(own)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .setFault(SetFaultRequest.getDefaultInstance());
      assertThat(target.faults().settings()).isEqualTo(FaultSettings.NONE);
    }
  }

  @Test
  void drillService_absentOnANodeStartedWithoutTheFlag_unimplemented_andNoFaultSet()
      throws Exception {
    startNodes(false);
    for (String node : PROVINCES) {
      ManagedChannel own = channel(Role.PLATFORM, node, node);

      assertThatThrownBy(
              () ->
                  NodeDrillServiceGrpc.newBlockingStub(own)
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .setFault(SetFaultRequest.newBuilder().setDown(true).build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
      assertThat(nodes.get(node).faults().settings()).isEqualTo(FaultSettings.NONE);
      assertThat(
              ProvinceNodeServiceGrpc.newBlockingStub(channel(Role.GATEWAY, node, node))
                  .withDeadlineAfter(10, TimeUnit.SECONDS)
                  .verifyCode(verify(seeded.get(node)))
                  .hasAssertion())
          .isTrue();
    }
  }

  private void startNodes(boolean drills) throws Exception {
    for (String province : PROVINCES) {
      ProvinceNode node =
          ProvinceNode.builder()
              .province(province)
              .pki(pki)
              .port(0)
              .clock(clock)
              .drills(drills)
              .build();
      node.start();
      nodes.put(province, node);
      CodeId code =
          node.issue(IssueOptions.builder().declaration(arrival(province)).build()).codeId();
      seeded.put(province, code);
      before.put(province, node.status(code).orElseThrow());
      assertThat(node.core().book().riskAreas().levelOf(ORIGIN))
          .isEqualTo(RiskLevel.RISK_LEVEL_LOW);
    }
  }

  private void assertNothingChanged() {
    for (String province : PROVINCES) {
      ProvinceNode node = nodes.get(province);
      assertThat(node.codes()).as("codes on %s", province).isEqualTo(1);
      assertThat(node.status(seeded.get(province)))
          .as("status on %s", province)
          .contains(before.get(province));
      assertThat(node.core().book().feed().head()).as("changes published on %s", province).isZero();
      assertThat(node.core().book().riskAreas().levelOf(ORIGIN))
          .as("risk areas on %s", province)
          .isEqualTo(RiskLevel.RISK_LEVEL_LOW);
      assertThat(node.faults().settings())
          .as("faults on %s", province)
          .isEqualTo(FaultSettings.NONE);
    }
  }

  /** The four writes, each a request that the node's own platform would have made succeed. */
  private List<Write> writes(String node) {
    CodeId code = seeded.get(node);
    return List.of(
        new Write(
            "IssueCode",
            c ->
                stub(c)
                    .issueCode(
                        IssueCodeRequest.newBuilder()
                            .setDeclaration(arrival(node))
                            .setIncludeSnapshot(true)
                            .build())),
        new Write("UpdateStatus", c -> stub(c).updateStatus(closeContact(code))),
        new Write(
            "SetRiskAreas",
            c ->
                stub(c)
                    .setRiskAreas(
                        SetRiskAreasRequest.newBuilder()
                            .addAreas(
                                RiskArea.newBuilder()
                                    .setAreaCode(ORIGIN)
                                    .setAreaName("武昌区")
                                    .setLevel(RiskLevel.RISK_LEVEL_HIGH))
                            .build())),
        new Write(
            "drill SetFault",
            c ->
                NodeDrillServiceGrpc.newBlockingStub(c)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .setFault(SetFaultRequest.newBuilder().setDown(true).build())));
  }

  private static ProvinceNodeServiceGrpc.ProvinceNodeServiceBlockingStub stub(ManagedChannel c) {
    return ProvinceNodeServiceGrpc.newBlockingStub(c).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static UpdateStatusRequest closeContact(CodeId code) {
    return UpdateStatusRequest.newBuilder()
        .setCodeId(ByteString.copyFrom(code.toBytes()))
        .addFindings(Reason.REASON_CLOSE_CONTACT)
        .build();
  }

  private static VerifyCodeRequest verify(CodeId code) {
    return VerifyCodeRequest.newBuilder()
        .setCodeId(ByteString.copyFrom(code.toBytes()))
        .setNonce(ByteString.copyFromUtf8("authority-test"))
        .build();
  }

  /** A domestic arrival from Wuchang into the first bundled county of {@code province}. */
  private static Declaration arrival(String province) {
    String destination =
        Regions.bundled().countiesOf(province).stream()
            .filter(c -> !c.equals(ORIGIN))
            .findFirst()
            .orElseThrow();
    return Declarations.resident().toBuilder()
        .clearResidence()
        .setTravel(Declarations.travel("CN", ORIGIN, destination))
        .build();
  }

  private BlockingQueue<WatchStatusChangesResponse> watch(String node) {
    BlockingQueue<WatchStatusChangesResponse> events = new LinkedBlockingQueue<>();
    ProvinceNodeServiceGrpc.newStub(channel(Role.GATEWAY, node, node))
        .watchStatusChanges(
            WatchStatusChangesRequest.getDefaultInstance(),
            new StreamObserver<>() {
              @Override
              public void onNext(WatchStatusChangesResponse value) {
                events.add(value);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    return events;
  }

  private ManagedChannel channel(Role role, String name, String node) {
    ManagedChannel c = NodeChannels.to(nodes.get(node).port(), pki, role, name, node);
    channels.add(c);
    return c;
  }
}
