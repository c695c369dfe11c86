package codefed.node.issuance;

import codefed.code.HealthCodeText;
import codefed.node.registry.CodeRecord;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.SignedCode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signs a code's payload with the province's issuer key ({@link SigningDomain#CODE}); the key is
 * taken once per code from a supplier, so a rotated key applies from the next code on.
 */
public final class CodeSigner {
  private final String issuer;
  private final Supplier<Signer> signer;

  public CodeSigner(String issuer, Signer signer) {
    this(issuer, () -> signer);
  }

  /** Signs each code with the key {@code signer} gives at that moment. */
  public CodeSigner(String issuer, Supplier<Signer> signer) {
    this.issuer = issuer;
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  /** The signed code for a record, with an optional color snapshot. */
  public SignedCode sign(CodeRecord record, Optional<ColorSnapshot> snapshot) {
    CodePayload.Builder payload =
        CodePayload.newBuilder()
            .setIssuer(issuer)
            .setCodeId(ByteString.copyFrom(record.id().toBytes()))
            .setIssuedAt(timestamp(record.issuedAt()))
            .setExpiresAt(timestamp(record.expiresAt()))
            .setMaskedName(record.holder().maskedName())
            .setMaskedIdNumber(record.holder().maskedIdNumber())
            .setProxyDeclared(record.holder().proxyDeclared());
    snapshot.ifPresent(
        s ->
            payload.setColorSnapshot(
                healthcode.federation.v1.ColorSnapshot.newBuilder()
                    .setColor(s.color())
                    .setAsOf(timestamp(s.asOf()))));
    byte[] bytes = payload.build().toByteArray();
    Signer key = signer.get();
    return SignedCode.newBuilder()
        .setPayload(ByteString.copyFrom(bytes))
        .setKeyId(key.keyId())
        .setSignature(ByteString.copyFrom(key.sign(SigningDomain.CODE, bytes)))
        .build();
  }

  /** The QR text ({@code HCF1:} + Base45) of a signed code. */
  public String qrText(CodeRecord record, Optional<ColorSnapshot> snapshot) {
    return HealthCodeText.encode(sign(record, snapshot));
  }

  public String issuer() {
    return issuer;
  }

  static Timestamp timestamp(Instant instant) {
    return ProtoTime.timestamp(instant);
  }
}
