package codefed.gateway.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.Checkpoint;
import healthcode.federation.v1.SignedCheckpoint;

/** Reading the checkpoint inside a {@link SignedCheckpoint}. */
public final class Checkpoints {
  private Checkpoints() {}

  /** The signed checkpoint's content; throws if the bytes are not a checkpoint. */
  public static Checkpoint parse(SignedCheckpoint signed) {
    try {
      return Checkpoint.parseFrom(signed.getCheckpoint());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("checkpoint: not a serialized Checkpoint", e);
    }
  }
}
