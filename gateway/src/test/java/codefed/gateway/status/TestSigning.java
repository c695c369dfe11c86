package codefed.gateway.status;

import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issuer keys for tests: signs assertions as any issuer and verifies them as a trust list would. */
final class TestSigning {
  private static final byte[] PREFIX = "codefed/v1/assertion\0".getBytes(StandardCharsets.US_ASCII);

  private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

  SignedAssertion sign(String keyOwner, StatusAssertion assertion) {
    byte[] bytes = assertion.toByteArray();
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key(keyOwner).getPrivate());
      s.update(PREFIX);
      s.update(bytes);
      return SignedAssertion.newBuilder()
          .setAssertion(com.google.protobuf.ByteString.copyFrom(bytes))
          .setKeyId(keyOwner + "-key")
          .setSignature(com.google.protobuf.ByteString.copyFrom(s.sign()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  AssertionVerifier verifier() {
    return (SignedAssertion signed, String issuer, Instant now) -> {
      if (!signed.getKeyId().equals(issuer + "-key")) {
        throw new AnswerRefusedException(SecurityEvent.ASSERTION_SIGNATURE);
      }
      try {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initVerify(key(issuer).getPublic());
        s.update(PREFIX);
        s.update(signed.getAssertion().toByteArray());
        if (!s.verify(signed.getSignature().toByteArray())) {
          throw new AnswerRefusedException(SecurityEvent.ASSERTION_SIGNATURE);
        }
        return StatusAssertion.parseFrom(signed.getAssertion());
      } catch (GeneralSecurityException | com.google.protobuf.InvalidProtocolBufferException e) {
        throw new AnswerRefusedException(SecurityEvent.ASSERTION_SIGNATURE);
      }
    };
  }

  private KeyPair key(String owner) {
    return keys.computeIfAbsent(owner, o -> {
      try {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
