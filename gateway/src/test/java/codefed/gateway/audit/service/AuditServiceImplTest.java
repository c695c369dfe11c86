package codefed.gateway.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.Checkpoints;
import codefed.gateway.audit.TestKeys;
import codefed.gateway.audit.TestRecords;
import codefed.gateway.server.GatewayStatusMapper;
import codefed.merkle.MerkleHasher;
import codefed.merkle.MerkleProofs;
import codefed.rpc.status.StatusExceptionInterceptor;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.AuditServiceGrpc;
import healthcode.federation.v1.Checkpoint;
import healthcode.federation.v1.GetCheckpointRequest;
import healthcode.federation.v1.GetConsistencyProofRequest;
import healthcode.federation.v1.GetConsistencyProofResponse;
import healthcode.federation.v1.GetInclusionProofRequest;
import healthcode.federation.v1.GetInclusionProofResponse;
import healthcode.federation.v1.ListRecordsRequest;
import healthcode.federation.v1.ListRecordsResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditServiceImplTest {
  private static final int RECORDS = 300;

  @TempDir Path tmp;
  private AuditLog log;
  private Server server;
  private ManagedChannel channel;
  private AuditServiceGrpc.AuditServiceBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    log = AuditLog.open(tmp, AuditLogOptions.defaults("150000", TestKeys.signer(TestKeys.p256())));
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(new AuditServiceImpl(log))
            .intercept(
                new StatusExceptionInterceptor(
                    GatewayStatusMapper.MAPPER)) // as the gateway serves it
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    stub = AuditServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    log.close();
  }

  private void append(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      log.append(TestRecords.decision(i));
    }
  }

  @Test
  void getCheckpoint_beforeAnyCheckpoint_isNotFound() {
    assertThatThrownBy(() -> stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance()))
        .satisfies(
            e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void proofsFromTheService_verifyAgainstTheSignedCheckpoint() throws Exception {
    append(RECORDS);
    log.checkpoint();
    Checkpoint cp =
        Checkpoints.parse(
            stub.getCheckpoint(GetCheckpointRequest.getDefaultInstance()).getCheckpoint());
    assertThat(cp.getTreeSize()).isEqualTo(RECORDS);
    byte[] root = cp.getRootHash().toByteArray();

    GetInclusionProofResponse inclusion =
        stub.getInclusionProof(
            GetInclusionProofRequest.newBuilder().setLeafIndex(123).setTreeSize(RECORDS).build());
    byte[] record = log.read(123);
    MerkleProofs.verifyInclusion(
        123, RECORDS, MerkleHasher.leafHash(record), bytes(inclusion.getHashesList()), root);

    GetConsistencyProofResponse consistency =
        stub.getConsistencyProof(
            GetConsistencyProofRequest.newBuilder()
                .setFirstSize(100)
                .setSecondSize(RECORDS)
                .build());
    MerkleProofs.verifyConsistency(
        100, RECORDS, bytes(consistency.getHashesList()), log.root(100), root);
  }

  @Test
  void badArguments_getTheStatusCodesOfTheContract_withTheFieldNamed() throws Exception {
    append(10);
    assertStatus(
        () ->
            stub.getInclusionProof(
                GetInclusionProofRequest.newBuilder().setLeafIndex(10).setTreeSize(10).build()),
        Status.Code.INVALID_ARGUMENT,
        "leaf_index: 10");
    assertStatus(
        () ->
            stub.getInclusionProof(
                GetInclusionProofRequest.newBuilder().setLeafIndex(3).setTreeSize(11).build()),
        Status.Code.OUT_OF_RANGE,
        "tree_size: 11 (log size 10)");
    assertStatus(
        () ->
            stub.getConsistencyProof(
                GetConsistencyProofRequest.newBuilder().setFirstSize(5).setSecondSize(4).build()),
        Status.Code.INVALID_ARGUMENT,
        "first_size: 5");
    assertStatus(
        () ->
            stub.getConsistencyProof(
                GetConsistencyProofRequest.newBuilder().setFirstSize(5).setSecondSize(12).build()),
        Status.Code.OUT_OF_RANGE,
        "second_size: 12");
    assertStatus(
        () ->
            stub.listRecords(
                    ListRecordsRequest.newBuilder().setFromSequence(5).setToSequence(4).build())
                .hasNext(),
        Status.Code.INVALID_ARGUMENT,
        "from_sequence: 5");
    assertStatus(
        () ->
            stub.listRecords(
                    ListRecordsRequest.newBuilder().setFromSequence(0).setToSequence(11).build())
                .hasNext(),
        Status.Code.OUT_OF_RANGE,
        "to_sequence: 11");
  }

  @Test
  void listRecords_streamsTheExactBytesInOrder_toTheCurrentEndWhenToIsZero() throws Exception {
    append(RECORDS);
    Iterator<ListRecordsResponse> it =
        stub.listRecords(ListRecordsRequest.newBuilder().setFromSequence(250).build());
    long expected = 250;
    while (it.hasNext()) {
      ListRecordsResponse r = it.next();
      assertThat(r.getSequence()).isEqualTo(expected);
      assertThat(r.getRecord().toByteArray()).isEqualTo(log.read(expected));
      assertThat(AuditRecord.parseFrom(r.getRecord()).getSequence()).isEqualTo(expected);
      expected++;
    }
    assertThat(expected).isEqualTo(RECORDS);
  }

  @Test
  void listRecords_withAClientThatAsksOneAtATime_deliversEverything() throws Exception {
    append(RECORDS);
    CompletableFuture<List<Long>> done = new CompletableFuture<>();
    List<Long> seen = new ArrayList<>();
    AuditServiceGrpc.newStub(channel)
        .listRecords(
            ListRecordsRequest.newBuilder().setToSequence(RECORDS).build(),
            new ClientResponseObserver<ListRecordsRequest, ListRecordsResponse>() {
              private ClientCallStreamObserver<ListRecordsRequest> call;

              @Override
              public void beforeStart(ClientCallStreamObserver<ListRecordsRequest> requestStream) {
                call = requestStream;
                requestStream.disableAutoRequestWithInitial(1);
              }

              @Override
              public void onNext(ListRecordsResponse value) {
                seen.add(value.getSequence());
                call.request(1);
              }

              @Override
              public void onError(Throwable t) {
                done.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {
                done.complete(seen);
              }
            });
    assertThat(done.get(30, TimeUnit.SECONDS))
        .hasSize(RECORDS)
        .startsWith(0L, 1L)
        .endsWith((long) RECORDS - 1);
  }

  @Test
  void emptyRange_completesWithNothing() throws Exception {
    append(3);
    Iterator<ListRecordsResponse> it =
        stub.listRecords(
            ListRecordsRequest.newBuilder().setFromSequence(3).setToSequence(3).build());
    assertThat(it.hasNext()).isFalse();
  }

  private static void assertStatus(Runnable call, Status.Code code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOf(StatusRuntimeException.class)
        .satisfies(
            e -> {
              Status s = Status.fromThrowable(e);
              assertThat(s.getCode()).isEqualTo(code);
              assertThat(s.getDescription()).contains(message);
            });
  }

  private static List<byte[]> bytes(List<ByteString> hashes) {
    return hashes.stream().map(ByteString::toByteArray).toList();
  }
}
