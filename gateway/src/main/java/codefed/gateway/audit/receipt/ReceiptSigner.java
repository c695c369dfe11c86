package codefed.gateway.audit.receipt;

import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.Receipt;
import healthcode.federation.v1.SignedReceipt;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * Signs the receipt of a durable record with the gateway's audit key. Called on the thread that
 * sends the answer, after the group commit: it adds no thread hop and no fsync, only one ECDSA
 * P-256 signature (tens of microseconds).
 */
public final class ReceiptSigner {
  private final String gateway;
  private final Signer signer;
  private final LongFunction<byte[]> leafHashes;

  /**
   * @param leafHashes the log's leaf hash of a durable sequence ({@code AuditLog::leafHash})
   */
  public ReceiptSigner(String gateway, Signer signer, LongFunction<byte[]> leafHashes) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.leafHashes = Objects.requireNonNull(leafHashes, "leafHashes");
  }

  /** The signed receipt of record {@code sequence}, decided at {@code time}. */
  public SignedReceipt sign(long sequence, Instant time) {
    byte[] receipt =
        Receipt.newBuilder()
            .setGateway(gateway)
            .setSequence(sequence)
            .setLeafHash(ByteString.copyFrom(leafHashes.apply(sequence)))
            .setTime(ProtoTime.timestamp(time))
            .setKeyId(signer.keyId())
            .build()
            .toByteArray();
    return SignedReceipt.newBuilder()
        .setReceipt(ByteString.copyFrom(receipt))
        .setSignature(ByteString.copyFrom(signer.sign(SigningDomain.RECEIPT, receipt)))
        .build();
  }
}
