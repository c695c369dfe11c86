package codefed.gateway.status;

import codefed.trust.CodeRejectedException;
import codefed.trust.TrustList;
import codefed.trust.VerifiedCode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignedCode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers code signatures already verified (pipeline step 1), so a repeat scan of the same
 * code costs a SHA-256 instead of a signature verification. A remembered result is used only
 * with the same trust list instance and only while the signing key is still usable at the scan
 * instant; anything else is verified afresh, so the answer (or the rejection) is always the one
 * {@link TrustList#verifyCode} would give. Rejections are not remembered. Thread-safe.
 */
public final class VerifiedCodeCache {
  private record Memo(TrustList trustList, VerifiedCode verified) {}

  private final Cache<ByteString, Memo> memo;

  /** @param maxEntries how many verified codes to remember (e.g. 100 000) */
  public VerifiedCodeCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: > 0)");
    }
    this.memo = Caffeine.newBuilder().maximumSize(maxEntries).build();
  }

  /**
   * {@link TrustList#verifyCode}, remembered.
   *
   * @param now the scan instant (may be simulated)
   */
  public VerifiedCode verify(SignedCode code, Instant now, TrustList trustList)
      throws CodeRejectedException {
    ByteString key = digest(code);
    Memo m = memo.getIfPresent(key);
    if (m != null && m.trustList() == trustList && keyUsable(trustList, m.verified(), now)) {
      return m.verified();
    }
    VerifiedCode verified = trustList.verifyCode(code, now);
    memo.put(key, new Memo(trustList, verified));
    return verified;
  }

  /** How many verified codes are remembered (after pending maintenance). */
  public long size() {
    memo.cleanUp();
    return memo.estimatedSize();
  }

  /** The same usability rule the trust list applies: active or retired, within its window. */
  private static boolean keyUsable(TrustList list, VerifiedCode verified, Instant now) {
    Optional<IssuerKey> key = list.key(verified.issuer(), verified.keyId());
    if (key.isEmpty()) {
      return false;
    }
    IssuerKey k = key.get();
    boolean status =
        k.getStatus() == KeyStatus.KEY_STATUS_ACTIVE || k.getStatus() == KeyStatus.KEY_STATUS_RETIRED;
    return status && !now.isBefore(instant(k.getNotBefore())) && now.isBefore(instant(k.getNotAfter()));
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static ByteString digest(SignedCode code) {
    try {
      return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(code.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e); // every JDK has it
    }
  }
}
