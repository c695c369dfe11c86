package codefed.gateway.recognition;

import codefed.code.HealthCodeText;
import codefed.code.MalformedCodeException;
import codefed.gateway.status.TrustListSource;
import codefed.gateway.status.VerifiedCodeCache;
import codefed.trust.CodeRejectedException;
import codefed.trust.TrustList;
import codefed.trust.VerifiedCode;
import healthcode.federation.v1.SignedCode;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Step 1 against the federation trust list: {@link HealthCodeText#decode}, then {@link
 * TrustList#verifyCode} through a {@link VerifiedCodeCache}, so a repeat scan of the same code does
 * not pay for signature verification again (the key's validity is still checked at the scan
 * instant). A code signed by a key the list lacks makes a {@link TrustListSource} look for a newer
 * list first (a rotation may be newer than the last poll). Failures become {@link
 * UnverifiableCodeException} with the failure class.
 */
public final class TrustListCodeVerifier implements CodeVerifier {
  private final Supplier<TrustList> trustList;
  private final VerifiedCodeCache verified;

  public TrustListCodeVerifier(Supplier<TrustList> trustList, int maxRemembered) {
    this.trustList = Objects.requireNonNull(trustList, "trustList");
    this.verified = new VerifiedCodeCache(maxRemembered);
  }

  @Override
  public VerifiedPayload verify(String qrText, Instant now) throws UnverifiableCodeException {
    VerifiedCode code;
    try {
      SignedCode decoded = HealthCodeText.decode(qrText);
      code = TrustListSource.check(trustList, list -> verified.verify(decoded, now, list));
    } catch (MalformedCodeException e) {
      throw new UnverifiableCodeException("MALFORMED", e.getMessage(), e);
    } catch (CodeRejectedException e) {
      throw new UnverifiableCodeException(e.reason().name(), e.getMessage(), e);
    }
    return new VerifiedPayload(code.payload(), code.keyId());
  }

  /** How many verified codes are remembered. */
  public long remembered() {
    return verified.size();
  }
}
