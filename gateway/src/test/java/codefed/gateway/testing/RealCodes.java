package codefed.gateway.testing;

import codefed.code.HealthCodeText;
import codefed.gateway.recognition.Timestamps;
import codefed.pki.PkiDirectory;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.federation.v1.SignedCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/** Signed health codes made with a test PKI's issuer keys, and the acceptance file's tampering. */
public final class RealCodes {
  private final PkiDirectory pki;
  private final Random random = new Random(20200319L);

  public RealCodes(PkiDirectory pki) {
    this.pki = pki;
  }

  public CodePayload.Builder payload(String issuer, Instant issuedAt) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return CodePayload.newBuilder()
        .setIssuer(issuer)
        .setCodeId(ByteString.copyFrom(id))
        .setIssuedAt(Timestamps.of(issuedAt))
        .setExpiresAt(Timestamps.of(issuedAt.plus(Duration.ofDays(14))))
        .setMaskedName("张*")
        .setMaskedIdNumber("1401**********1235");
  }

  public SignedCode sign(CodePayload payload) {
    Signer signer = pki.issuerSigner(payload.getIssuer());
    return sign(payload, signer);
  }

  /** Signed by a key the federation does not know (a stranger's code). */
  public static SignedCode signByStranger(CodePayload payload) {
    return sign(
        payload,
        Signer.generate(payload.getIssuer(), SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519));
  }

  private static SignedCode sign(CodePayload payload, Signer signer) {
    byte[] bytes = payload.toByteArray();
    return SignedCode.newBuilder()
        .setPayload(ByteString.copyFrom(bytes))
        .setKeyId(signer.keyId())
        .setSignature(ByteString.copyFrom(signer.sign(SigningDomain.CODE, bytes)))
        .build();
  }

  public String qr(CodePayload payload) {
    return HealthCodeText.encode(sign(payload));
  }

  /** One bit of the signature flipped. */
  public static String tamperSignature(SignedCode code) {
    byte[] sig = code.getSignature().toByteArray();
    sig[sig.length / 2] ^= 0x01;
    return HealthCodeText.encode(code.toBuilder().setSignature(ByteString.copyFrom(sig)).build());
  }

  /** One byte of the signed payload changed. */
  public static String tamperPayload(SignedCode code) {
    byte[] payload = code.getPayload().toByteArray();
    payload[payload.length - 1] ^= 0x20;
    return HealthCodeText.encode(code.toBuilder().setPayload(ByteString.copyFrom(payload)).build());
  }

  public static String truncate(String qr) {
    return qr.substring(0, qr.length() / 2);
  }

  public static String garbage(long seed) {
    Random r = new Random(seed);
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    StringBuilder s = new StringBuilder(HealthCodeText.PREFIX);
    for (int i = 0; i < 90; i++) {
      s.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
