package codefed.gateway.audit.service;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditQueryException;
import codefed.rpc.status.Replies;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditServiceGrpc;
import healthcode.federation.v1.GetCheckpointRequest;
import healthcode.federation.v1.GetCheckpointResponse;
import healthcode.federation.v1.GetConsistencyProofRequest;
import healthcode.federation.v1.GetConsistencyProofResponse;
import healthcode.federation.v1.GetInclusionProofRequest;
import healthcode.federation.v1.GetInclusionProofResponse;
import healthcode.federation.v1.ListRecordsRequest;
import healthcode.federation.v1.ListRecordsResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * AuditService: read-only access to the gateway's log for auditors (role auditor, enforced by the
 * server's RoleTable). Translates proto ↔ {@link AuditLog}; what it throws becomes a status through
 * the server's status mapping (an {@link AuditQueryException}'s reason picks the code).
 */
public final class AuditServiceImpl extends AuditServiceGrpc.AuditServiceImplBase {
  private final AuditLog log;

  public AuditServiceImpl(AuditLog log) {
    this.log = log;
  }

  @Override
  public void getCheckpoint(
      GetCheckpointRequest request, StreamObserver<GetCheckpointResponse> response) {
    Replies.unary(
        response,
        () ->
            GetCheckpointResponse.newBuilder()
                .setCheckpoint(
                    log.latestCheckpoint()
                        .orElseThrow(
                            () ->
                                new AuditQueryException(
                                    AuditQueryException.Reason.NOTHING_YET, "no checkpoint yet")))
                .build());
  }

  @Override
  public void getInclusionProof(
      GetInclusionProofRequest request, StreamObserver<GetInclusionProofResponse> response) {
    Replies.unary(
        response,
        () -> {
          List<byte[]> proof = log.inclusionProof(request.getLeafIndex(), request.getTreeSize());
          GetInclusionProofResponse.Builder b =
              GetInclusionProofResponse.newBuilder()
                  .setLeafIndex(request.getLeafIndex())
                  .setTreeSize(request.getTreeSize());
          proof.forEach(h -> b.addHashes(ByteString.copyFrom(h)));
          return b.build();
        });
  }

  @Override
  public void getConsistencyProof(
      GetConsistencyProofRequest request, StreamObserver<GetConsistencyProofResponse> response) {
    Replies.unary(
        response,
        () -> {
          List<byte[]> proof =
              log.consistencyProof(request.getFirstSize(), request.getSecondSize());
          GetConsistencyProofResponse.Builder b =
              GetConsistencyProofResponse.newBuilder()
                  .setFirstSize(request.getFirstSize())
                  .setSecondSize(request.getSecondSize());
          proof.forEach(h -> b.addHashes(ByteString.copyFrom(h)));
          return b.build();
        });
  }

  @Override
  public void listRecords(
      ListRecordsRequest request, StreamObserver<ListRecordsResponse> response) {
    Replies.run(
        response,
        () -> {
          long size = log.size();
          long from = request.getFromSequence();
          long to = request.getToSequence() == 0 ? size : request.getToSequence();
          if (from < 0) {
            throw new AuditQueryException(
                AuditQueryException.Reason.BAD_ARGUMENT,
                "from_sequence: " + from + " (expected: >= 0)");
          }
          if (from > to) {
            throw new AuditQueryException(
                AuditQueryException.Reason.BAD_ARGUMENT,
                "from_sequence: " + from + " (expected: <= to_sequence " + to + ")");
          }
          if (to > size) {
            throw new AuditQueryException(
                AuditQueryException.Reason.BEYOND_LOG,
                "to_sequence: " + to + " (log size " + size + ")");
          }
          new RecordStreamer(
                  log, (ServerCallStreamObserver<ListRecordsResponse>) response, from, to)
              .start();
        });
  }
}
