package codefed.signing;

import java.nio.charset.StandardCharsets;

/**
 * What a signature is for. Each domain's prefix is signed in front of the message, so a signature
 * made for one purpose (a code) can never be replayed as another (an assertion).
 */
public enum SigningDomain {
  CODE("codefed/v1/code\0"),
  ASSERTION("codefed/v1/assertion\0"),
  /** A node's batch of answers: its tree size and Merkle root ({@code BatchRoot}). */
  ASSERTION_BATCH("codefed/v1/assertion-batch\0"),
  TRUST_LIST("codefed/v1/trust-list\0"),
  CHECKPOINT("codefed/v1/checkpoint\0"),
  RECEIPT("codefed/v1/receipt\0"),
  COSIGNATURE("codefed/v1/cosignature\0");

  private final byte[] prefix;

  SigningDomain(String prefix) {
    this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
  }

  /** The prefix bytes, NUL-terminated (a copy). */
  public byte[] prefix() {
    return prefix.clone();
  }

  /** The prefix without copying, for the signing code in this package. */
  byte[] prefixBytes() {
    return prefix;
  }
}
