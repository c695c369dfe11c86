package codefed.gateway.audit.signing;

import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.audit.VerificationFailure;
import codefed.pki.AuditSigningKeys;
import codefed.pki.PemFiles;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.SpiffeId;
import codefed.tls.PeerCertificates;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.Checkpoint;
import healthcode.federation.v1.SignedCheckpoint;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which key may sign for a gateway, decided by the federation CA alone: the audit-signing
 * certificate a checkpoint carries must chain to the CA, name {@code gateway/<name>} and be for
 * audit signing only. A checkpoint without one (a log from before separate audit keys) is checked
 * against the gateway's identity certificate, which must also chain to the CA.
 */
public final class AuditCertificates {
  private final PkiDirectory pki;
  private final Map<ByteString, PublicKey> validated = new ConcurrentHashMap<>();

  /** Identity keys already validated in this run, by gateway: every old checkpoint asks again. */
  private final Map<String, PublicKey> identities = new ConcurrentHashMap<>();

  public AuditCertificates(PkiDirectory pki) {
    this.pki = pki;
  }

  /** The key that must have signed {@code signed}; throws naming the rule it breaks. */
  public PublicKey checkpointKey(SignedCheckpoint signed, Checkpoint cp)
      throws VerificationFailure {
    if (signed.getCertificate().isEmpty()) {
      return identityKey(cp.getGateway());
    }
    return certifiedKey(signed.getCertificate(), pki.spiffeId(Role.GATEWAY, cp.getGateway()));
  }

  /** A witness's cosigning key from the certificate in its cosignature. */
  public PublicKey witnessKey(ByteString certificate) throws VerificationFailure {
    X509Certificate cert = parse(certificate);
    SpiffeId id;
    try {
      id = PeerCertificates.spiffeId(cert);
    } catch (RuntimeException e) {
      throw new VerificationFailure("witness certificate: " + e.getMessage(), e);
    }
    if (id.role() != Role.AUDITOR || !id.trustDomain().equals(pki.trustDomain())) {
      throw new VerificationFailure(
          "witness certificate names "
              + id
              + " (expected: an auditor of "
              + pki.trustDomain()
              + ")",
          null);
    }
    return certifiedKey(certificate, id);
  }

  /** The key with {@code keyId} among the certified keys of {@code gateway}'s checkpoints. */
  public PublicKey receiptKey(String gateway, String keyId, List<SignedCheckpoint> checkpoints)
      throws VerificationFailure {
    for (SignedCheckpoint s : checkpoints) {
      if (s.getKeyId().equals(keyId) && !s.getCertificate().isEmpty()) {
        Checkpoint cp = codefed.gateway.audit.Checkpoints.parse(s);
        if (cp.getGateway().equals(gateway)) {
          return checkpointKey(s, cp);
        }
      }
    }
    throw new VerificationFailure(
        "no checkpoint of gateway " + gateway + " carries a certificate for key " + keyId, null);
  }

  private PublicKey certifiedKey(ByteString der, SpiffeId expected) throws VerificationFailure {
    PublicKey known = validated.get(der);
    if (known != null) {
      return known;
    }
    X509Certificate cert = parse(der);
    try {
      AuditSigningKeys.validate(cert, pki.caCertificate(), crl(), expected);
    } catch (GeneralSecurityException e) {
      throw new VerificationFailure(e.getMessage(), e);
    }
    validated.put(der, cert.getPublicKey());
    return cert.getPublicKey();
  }

  private java.security.cert.X509CRL crl() throws VerificationFailure {
    try {
      java.security.cert.X509CRL crl = PemFiles.readCrl(pki.crl());
      crl.verify(pki.caCertificate().getPublicKey());
      return crl;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VerificationFailure("CRL " + pki.crl() + " unusable: " + e.getMessage(), e);
    }
  }

  private PublicKey identityKey(String gateway) throws VerificationFailure {
    PublicKey known = identities.get(gateway);
    if (known != null) {
      return known;
    }
    try {
      X509Certificate cert = PemFiles.readCertificate(pki.certificate(Role.GATEWAY, gateway));
      cert.verify(pki.caCertificate().getPublicKey());
      if (!PeerCertificates.spiffeId(cert).equals(pki.spiffeId(Role.GATEWAY, gateway))) {
        throw new VerificationFailure(
            "certificate of gateway " + gateway + " names another identity", null);
      }
      identities.put(gateway, cert.getPublicKey());
      return cert.getPublicKey();
    } catch (GeneralSecurityException e) {
      throw new VerificationFailure(
          "certificate of gateway "
              + gateway
              + " is not valid under the federation CA: "
              + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      throw new VerificationFailure(
          "no certificate for gateway " + gateway + ": " + e.getMessage(), e);
    }
  }

  private static X509Certificate parse(ByteString der) throws VerificationFailure {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der.toByteArray()));
    } catch (CertificateException e) {
      throw new VerificationFailure("unreadable audit certificate", e);
    }
  }

  /** The key id a gateway's audit key must carry. */
  public static String keyId(String gateway, PublicKey key) {
    return CheckpointSignatures.keyId(gateway, key);
  }
}
