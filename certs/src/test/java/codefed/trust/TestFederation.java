package codefed.trust;

import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.federation.v1.SignedCode;
import healthcode.trust.v1.SignedTrustList;
import java.time.Duration;
import java.time.Instant;

/**
 * A small federation for tests: a CA, one issuer key per algorithm (Shanxi Ed25519, Inner Mongolia
 * SM2, the national platform P-256), valid through 2020–2021.
 */
final class TestFederation {
  static final Instant KEYS_FROM = Instant.parse("2020-01-01T00:00:00Z");
  static final Instant KEYS_UNTIL = Instant.parse("2022-01-01T00:00:00Z");

  /** A scan under the March 2020 policy (seed 001), +08:00. */
  static final Instant NOW = Instant.parse("2020-03-19T00:30:00Z");

  static final String SHANXI = "140000";
  static final String INNER_MONGOLIA = "150000";
  static final String NATIONAL = "NATIONAL";

  final TestCa ca = TestCa.create("codefed test federation CA");
  final Signer shanxi = Signer.generate(SHANXI, SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
  final Signer innerMongolia =
      Signer.generate(INNER_MONGOLIA, SignatureAlgorithm.SIGNATURE_ALGORITHM_SM2_SM3);
  final Signer national =
      Signer.generate(NATIONAL, SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256);

  /** The list with the three keys ACTIVE, issued at KEYS_FROM, next update at KEYS_UNTIL. */
  TrustListBuilder builder() {
    return TrustListBuilder.create("test.codefed")
        .issuedAt(KEYS_FROM)
        .nextUpdate(KEYS_UNTIL)
        .addKey(
            SHANXI,
            shanxi.algorithm(),
            shanxi.publicKey(),
            KEYS_FROM,
            KEYS_UNTIL,
            KeyStatus.KEY_STATUS_ACTIVE)
        .addKey(
            INNER_MONGOLIA,
            innerMongolia.algorithm(),
            innerMongolia.publicKey(),
            KEYS_FROM,
            KEYS_UNTIL,
            KeyStatus.KEY_STATUS_ACTIVE)
        .addKey(
            NATIONAL,
            national.algorithm(),
            national.publicKey(),
            KEYS_FROM,
            KEYS_UNTIL,
            KeyStatus.KEY_STATUS_ACTIVE);
  }

  SignedTrustList signedList() {
    return builder().sign(ca.privateKey(), ca.certificate());
  }

  TrustList trustList() throws TrustListException {
    return TrustList.verify(signedList(), ca.certificate(), NOW);
  }

  static CodePayload payload(String issuer) {
    Instant issued = NOW.minus(Duration.ofHours(30));
    return CodePayload.newBuilder()
        .setIssuer(issuer)
        .setCodeId(
            ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
        .setIssuedAt(timestamp(issued))
        .setExpiresAt(timestamp(issued.plus(Duration.ofDays(14))))
        .setMaskedName("张*")
        .setMaskedIdNumber("1401**********4562")
        .build();
  }

  static SignedCode sign(Signer signer, CodePayload payload) {
    return sign(signer, payload.toByteArray());
  }

  static SignedCode sign(Signer signer, byte[] payload) {
    return SignedCode.newBuilder()
        .setPayload(ByteString.copyFrom(payload))
        .setKeyId(signer.keyId())
        .setSignature(ByteString.copyFrom(signer.sign(SigningDomain.CODE, payload)))
        .build();
  }

  static Timestamp timestamp(Instant instant) {
    return ProtoTime.timestamp(instant);
  }

  static ByteString flipBit(ByteString bytes, int bit) {
    byte[] copy = bytes.toByteArray();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return ByteString.copyFrom(copy);
  }
}
