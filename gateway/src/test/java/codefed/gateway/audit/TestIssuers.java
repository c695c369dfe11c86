package codefed.gateway.audit;

import com.google.protobuf.ByteString;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Map;

/** Issuer keys and signed assertions for verifier tests, and keys a verifier trusts. */
public final class TestIssuers {
  private static final byte[] ASSERTION_DOMAIN =
      "codefed/v1/assertion\0".getBytes(StandardCharsets.US_ASCII);

  private TestIssuers() {}

  public static SignedAssertion sign(KeyPair issuerKey, StatusAssertion assertion) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(issuerKey.getPrivate());
      s.update(ASSERTION_DOMAIN);
      byte[] bytes = assertion.toByteArray();
      s.update(bytes);
      return SignedAssertion.newBuilder()
          .setAssertion(ByteString.copyFrom(bytes))
          .setKeyId(assertion.getIssuer() + "-ec-1")
          .setSignature(ByteString.copyFrom(s.sign()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Trusts one gateway checkpoint key and the given issuer keys. */
  public static VerificationKeys keys(
      String gateway, PublicKey checkpointKey, Map<String, PublicKey> issuers) {
    return new VerificationKeys() {
      @Override
      public PublicKey checkpointKey(String name) throws VerificationFailure {
        if (!name.equals(gateway)) {
          throw new VerificationFailure("unknown gateway " + name);
        }
        return checkpointKey;
      }

      @Override
      public StatusAssertion checkAssertion(SignedAssertion a, String issuer, Instant at)
          throws VerificationFailure {
        PublicKey key = issuers.get(issuer);
        if (key == null) {
          throw new VerificationFailure("unknown issuer " + issuer);
        }
        try {
          Signature s = Signature.getInstance("SHA256withECDSA");
          s.initVerify(key);
          s.update(ASSERTION_DOMAIN);
          s.update(a.getAssertion().toByteArray());
          if (!s.verify(a.getSignature().toByteArray())) {
            throw new VerificationFailure("BAD_SIGNATURE");
          }
          return StatusAssertion.parseFrom(a.getAssertion());
        } catch (GeneralSecurityException e) {
          throw new VerificationFailure("BAD_SIGNATURE", e);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          throw new VerificationFailure("MALFORMED: not a StatusAssertion", e);
        }
      }
    };
  }
}
