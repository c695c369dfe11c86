package codefed.cli.cases;

import codefed.code.HealthCodeText;
import codefed.signing.SignatureAlgorithms;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.SignedCode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/**
 * Codes from an issuer the federation does not know: well-formed and validly signed, but by a key
 * no trust list holds.
 */
final class StrangerCodes {
  private static final SecureRandom RANDOM = new SecureRandom();

  private StrangerCodes() {}

  static String issue(String issuer, Instant issuedAt) {
    Signer stranger = Signer.generate(issuer, SignatureAlgorithms.DEFAULT);
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    CodePayload payload =
        CodePayload.newBuilder()
            .setIssuer(issuer)
            .setCodeId(ByteString.copyFrom(id))
            .setIssuedAt(ts(issuedAt))
            .setExpiresAt(ts(issuedAt.plus(Duration.ofDays(14))))
            .setMaskedName("王*")
            .setMaskedIdNumber("9901**********0000")
            .build();
    byte[] bytes = payload.toByteArray();
    return HealthCodeText.encode(
        SignedCode.newBuilder()
            .setPayload(ByteString.copyFrom(bytes))
            .setKeyId(stranger.keyId())
            .setSignature(ByteString.copyFrom(stranger.sign(SigningDomain.CODE, bytes)))
            .build());
  }

  private static Timestamp ts(Instant i) {
    return ProtoTime.timestamp(i);
  }
}
