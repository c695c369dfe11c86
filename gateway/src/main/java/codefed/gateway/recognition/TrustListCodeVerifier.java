package codefed.gateway.recognition;

import codefed.code.HealthCodeText;
import codefed.code.MalformedCodeException;
import codefed.trust.CodeRejectedException;
import codefed.trust.TrustList;
import codefed.trust.VerifiedCode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Step 1 against the federation trust list: {@link HealthCodeText#decode} then {@link
 * TrustList#verifyCode}. Remembers codes whose signature verified (keyed by the SHA-256 of the
 * QR text and the trust list they verified under) so a repeat scan does not pay for signature
 * verification again; on a repeat the key's status and validity are still checked at the scan
 * instant.
 */
public final class TrustListCodeVerifier implements CodeVerifier {
  private final Supplier<TrustList> trustList;
  private final Cache<String, Verified> verified;
  private final LongAdder served = new LongAdder();

  /** A verification that succeeded under one trust list instance. */
  private record Verified(TrustList under, VerifiedCode code) {}

  public TrustListCodeVerifier(Supplier<TrustList> trustList, long maxRemembered) {
    this.trustList = Objects.requireNonNull(trustList, "trustList");
    this.verified = Caffeine.newBuilder().maximumSize(maxRemembered).build();
  }

  @Override
  public VerifiedPayload verify(String qrText, Instant now) throws UnverifiableCodeException {
    TrustList trust = trustList.get();
    String key = sha256Hex(qrText);
    Verified hit = verified.getIfPresent(key);
    if (hit != null && hit.under() != trust) {
      hit = null;
    }
    if (hit != null) {
      checkKeyStillValid(trust, hit.code(), now);
      served.increment();
      return new VerifiedPayload(hit.code().payload(), hit.code().keyId());
    }
    VerifiedCode code;
    try {
      code = trust.verifyCode(HealthCodeText.decode(qrText), now);
    } catch (MalformedCodeException e) {
      throw new UnverifiableCodeException("MALFORMED", e.getMessage(), e);
    } catch (CodeRejectedException e) {
      throw new UnverifiableCodeException(e.reason().name(), e.getMessage(), e);
    }
    verified.put(key, new Verified(trust, code));
    return new VerifiedPayload(code.payload(), code.keyId());
  }

  /** How many scans were served from remembered verifications (for metrics and tests). */
  public long remembered() {
    return served.sum();
  }

  private static void checkKeyStillValid(TrustList trust, VerifiedCode code, Instant now)
      throws UnverifiableCodeException {
    Optional<IssuerKey> key = trust.key(code.issuer(), code.keyId());
    if (key.isEmpty()) {
      throw new UnverifiableCodeException("UNKNOWN_KEY", "key " + code.keyId() + " not in the trust list", null);
    }
    IssuerKey k = key.get();
    boolean usable = (k.getStatus() == KeyStatus.KEY_STATUS_ACTIVE || k.getStatus() == KeyStatus.KEY_STATUS_RETIRED)
        && !now.isBefore(Timestamps.toInstant(k.getNotBefore()))
        && now.isBefore(Timestamps.toInstant(k.getNotAfter()));
    if (!usable) {
      throw new UnverifiableCodeException("KEY_NOT_VALID", "key " + code.keyId() + " not valid at " + now, null);
    }
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
