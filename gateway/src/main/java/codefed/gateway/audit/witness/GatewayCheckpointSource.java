package codefed.gateway.audit.witness;

import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditServiceGrpc;
import healthcode.federation.v1.GetCheckpointRequest;
import healthcode.federation.v1.GetConsistencyProofRequest;
import healthcode.federation.v1.SignedCheckpoint;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A gateway's {@code AuditService} over mTLS, called as an auditor identity. */
public final class GatewayCheckpointSource implements CheckpointSource, AutoCloseable {
  private static final long DEADLINE_SECONDS = 10;

  private final String address;
  private final ManagedChannel channel;
  private final AuditServiceGrpc.AuditServiceBlockingStub stub;

  public GatewayCheckpointSource(String address, PkiDirectory pki, String auditor) {
    this.address = address;
    this.channel =
        Grpc.newChannelBuilder(address, MtlsCredentials.client(pki, Role.AUDITOR, auditor)).build();
    this.stub = AuditServiceGrpc.newBlockingStub(channel);
  }

  @Override
  public String name() {
    return address;
  }

  @Override
  public SignedCheckpoint latest() throws IOException {
    try {
      return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
          .getCheckpoint(GetCheckpointRequest.getDefaultInstance())
          .getCheckpoint();
    } catch (StatusRuntimeException e) {
      throw new IOException(
          address
              + ": GetCheckpoint: "
              + e.getStatus().getCode()
              + " "
              + e.getStatus().getDescription(),
          e);
    }
  }

  @Override
  public List<byte[]> consistencyProof(long firstSize, long secondSize) throws IOException {
    try {
      return stub
          .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
          .getConsistencyProof(
              GetConsistencyProofRequest.newBuilder()
                  .setFirstSize(firstSize)
                  .setSecondSize(secondSize)
                  .build())
          .getHashesList()
          .stream()
          .map(ByteString::toByteArray)
          .toList();
    } catch (StatusRuntimeException e) {
      throw new IOException(
          address
              + ": GetConsistencyProof("
              + firstSize
              + ", "
              + secondSize
              + "): "
              + e.getStatus().getCode()
              + " "
              + e.getStatus().getDescription(),
          e);
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
