package codefed.gateway.audit;

import codefed.pki.PkiDirectory;
import codefed.trust.CodeRejectedException;
import codefed.trust.TrustList;
import codefed.trust.TrustListException;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What an auditor trusts, from the federation PKI directory: each gateway's identity certificate
 * (its checkpoint key) and the CA-signed trust list (issuer keys). Assertions are checked at the
 * decision's time, when the gateway relied on them.
 */
public final class PkiVerificationKeys implements VerificationKeys {
  private final PkiDirectory pki;
  private final TrustList trustList;
  private final Map<String, PublicKey> gatewayKeys = new HashMap<>();
  private final codefed.gateway.audit.signing.AuditCertificates certificates;

  /** Node answers already verified in this run: a cached answer recurs in many records. */
  private final codefed.signing.VerifiedSignatures verifiedSignatures =
      new codefed.signing.VerifiedSignatures(codefed.signing.VerifiedSignatures.DEFAULT_CAPACITY);

  private PkiVerificationKeys(PkiDirectory pki, TrustList trustList) {
    this.pki = pki;
    this.trustList = trustList;
    this.certificates = new codefed.gateway.audit.signing.AuditCertificates(pki);
  }

  /** The certificate of the key that signed {@code signed}, validated against the CA. */
  @Override
  public PublicKey checkpointKey(
      healthcode.federation.v1.SignedCheckpoint signed, healthcode.federation.v1.Checkpoint cp)
      throws VerificationFailure {
    return certificates.checkpointKey(signed, cp);
  }

  /** What this PKI's CA vouches for: audit and witness keys. */
  public codefed.gateway.audit.signing.AuditCertificates certificates() {
    return certificates;
  }

  /** Loads the trust list (refused if unsigned, badly signed or stale). */
  public static PkiVerificationKeys load(PkiDirectory pki) throws TrustListException {
    return new PkiVerificationKeys(pki, pki.trustList());
  }

  /** The PKI's current trust list, as loaded. */
  TrustList trustList() {
    return trustList;
  }

  java.security.cert.X509Certificate caCertificate() {
    return pki.caCertificate();
  }

  @Override
  public synchronized PublicKey checkpointKey(String gateway) throws VerificationFailure {
    PublicKey key = gatewayKeys.get(gateway);
    if (key == null) {
      try {
        key = CheckpointSignatures.gatewayKey(pki, gateway);
      } catch (IOException | IllegalArgumentException e) {
        throw new VerificationFailure(
            "no certificate for gateway " + gateway + ": " + e.getMessage(), e);
      }
      gatewayKeys.put(gateway, key);
    }
    return key;
  }

  @Override
  public StatusAssertion checkAssertion(SignedAssertion assertion, String issuer, Instant at)
      throws VerificationFailure {
    try {
      return trustList.verifyAssertion(assertion, issuer, at, verifiedSignatures);
    } catch (CodeRejectedException e) {
      throw new VerificationFailure(e.reason() + ": " + e.getMessage(), e);
    }
  }
}
