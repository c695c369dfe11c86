package codefed.pki;

import codefed.tls.PeerCertificates;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Audit-signing keys: a P-256 key per gateway (or witness) that signs checkpoints, receipts and
 * cosignatures, kept apart from its TLS identity so that a host that can serve TLS cannot rewrite
 * history with the same key, and vice versa. The CA certifies it for the party's SPIFFE id with the
 * document-signing EKU ({@value #DOCUMENT_SIGNING}, RFC 9336) as its only, critical, extended key
 * usage: TLS stacks refuse it as a client or server certificate.
 *
 * <p>Files in the output directory: {@code audit.key} (PKCS#8 PEM, 0600) and {@code audit.crt}.
 */
public final class AuditSigningKeys {
  /** id-kp-documentSigning (RFC 9336). */
  public static final String DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36";

  public static final String KEY_FILE = "audit.key";
  public static final String CERTIFICATE_FILE = "audit.crt";
  static final Duration VALIDITY = Duration.ofDays(825);
  private static final SecureRandom RANDOM = new SecureRandom();

  private AuditSigningKeys() {}

  /**
   * Creates {@code out/audit.key} and {@code out/audit.crt} for {@code role/name}; returns the
   * certificate path.
   */
  public static Path issue(
      Path pkiDir, Role role, String name, Path out, boolean force, Clock clock) {
    PkiDirectory pki = PkiDirectory.open(pkiDir);
    Path key = out.resolve(KEY_FILE);
    if (Files.exists(key) && !force) {
      throw new IllegalStateException(key + " exists (use --force to replace it)");
    }
    if (out.toAbsolutePath().normalize().startsWith(pki.root())) {
      throw new IllegalArgumentException(
          "--out "
              + out
              + ": inside the PKI directory "
              + pki.root()
              + " (expected: a directory apart from the TLS bundle)");
    }
    CertificateAuthority ca = PkiInitializer.loadCa(pki.layout());
    KeyPair kp = CertificateAuthority.newP256KeyPair();
    Instant now = clock.instant();
    X509Certificate cert =
        certify(
            ca, pki.spiffeId(role, name), kp, now.minus(Duration.ofHours(1)), now.plus(VALIDITY));
    PemFiles.writePrivateKey(key, kp.getPrivate(), force);
    Path certFile = out.resolve(CERTIFICATE_FILE);
    PemFiles.writePublic(certFile, PemFiles.pem("CERTIFICATE", PkiInitializer.encoded(cert)));
    return certFile;
  }

  /** The certificate itself (also for tests that need one from another CA). */
  public static X509Certificate certify(
      CertificateAuthority ca, SpiffeId id, KeyPair kp, Instant notBefore, Instant notAfter) {
    try {
      X500Name issuer =
          X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, issuer.getRDNs(BCStyle.O)[0].getFirst().getValue().toString())
              .addRDN(BCStyle.CN, id.role().pathSegment() + " " + id.name() + " audit signing")
              .build();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  ca.certificate(),
                  new BigInteger(127, RANDOM).setBit(127),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  subject,
                  kp.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
              .addExtension(
                  Extension.extendedKeyUsage,
                  true,
                  new ExtendedKeyUsage(
                      KeyPurposeId.getInstance(new ASN1ObjectIdentifier(DOCUMENT_SIGNING))))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName(GeneralName.uniformResourceIdentifier, id.toString())))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(kp.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(ca.certificate()));
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey())));
    } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot certify audit key of " + id, e);
    }
  }

  /**
   * Throws {@link GeneralSecurityException} naming the rule unless {@code cert} is signed by {@code
   * ca}, not on {@code crl} (when given), names exactly {@code expected} and is for audit signing
   * only. Its validity period is not checked against the signed object's time: that time is the
   * signer's own claim (and may be a drill clock's); revocation is what withdraws a key.
   */
  public static void validate(
      X509Certificate cert, X509Certificate ca, java.security.cert.X509CRL crl, SpiffeId expected)
      throws GeneralSecurityException {
    try {
      cert.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(
          "audit certificate of " + expected + " is not signed by the federation CA", e);
    }
    if (crl != null && crl.isRevoked(cert)) {
      throw new GeneralSecurityException(
          "audit certificate of "
              + expected
              + " (serial "
              + cert.getSerialNumber().toString(16)
              + ") is revoked");
    }
    List<String> ekus;
    try {
      ekus = cert.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      throw new GeneralSecurityException("audit certificate: unreadable extended key usage", e);
    }
    if (ekus == null || !ekus.equals(List.of(DOCUMENT_SIGNING))) {
      throw new GeneralSecurityException(
          "certificate of "
              + expected
              + " is not an audit-signing certificate"
              + " (extended key usage "
              + ekus
              + ", expected: ["
              + DOCUMENT_SIGNING
              + "] only)");
    }
    SpiffeId actual;
    try {
      actual = PeerCertificates.spiffeId(cert);
    } catch (RuntimeException e) {
      throw new GeneralSecurityException("audit certificate: " + e.getMessage(), e);
    }
    if (!actual.equals(expected)) {
      throw new GeneralSecurityException(
          "audit certificate names " + actual + " (expected: " + expected + ")");
    }
  }
}
