package codefed.gateway.audit.witness;

import healthcode.federation.v1.SignedCheckpoint;
import java.io.IOException;
import java.util.List;

/**
 * Where a witness gets a gateway's checkpoints and consistency proofs (AuditService in production).
 */
public interface CheckpointSource {
  /** Where the checkpoints come from, for messages (e.g. {@code localhost:7443}). */
  String name();

  /** The gateway's latest signed checkpoint. */
  SignedCheckpoint latest() throws IOException;

  /** RFC 9162 consistency proof between the trees of {@code firstSize} and {@code secondSize}. */
  List<byte[]> consistencyProof(long firstSize, long secondSize) throws IOException;
}
