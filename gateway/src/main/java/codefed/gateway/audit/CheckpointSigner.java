package codefed.gateway.audit;

/**
 * Signs checkpoints with the gateway's audit key (ECDSA P-256 with SHA-256). The signature
 * covers {@link CheckpointSignatures#DOMAIN} followed by the exact serialized checkpoint.
 */
public interface CheckpointSigner {
  String keyId();

  /** Signs {@code "codefed/v1/checkpoint\0" || checkpointBytes}. */
  byte[] sign(byte[] checkpointBytes);
}
