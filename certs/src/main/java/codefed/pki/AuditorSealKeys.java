package codefed.pki;

import java.math.BigInteger;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The auditors' encryption key (X25519): audit evidence that names a person or a code is sealed to
 * it. The public half is certified by the federation CA ({@code sealing/auditors.crt}, key usage
 * keyAgreement only, URI SAN {@code spiffe://<domain>/auditor/sealing}) so a gateway can load it
 * from its bundle and trust it; the private half ({@code sealing/auditors.key}) belongs in the
 * auditors' material only.
 */
public final class AuditorSealKeys {
  /** The name in the certificate's SPIFFE id. */
  public static final String NAME = "sealing";

  private static final SecureRandom RANDOM = new SecureRandom();

  private AuditorSealKeys() {}

  /** The public key the gateway seals to, checked against the CA at {@code now}. */
  public record SealKey(String keyId, byte[] subjectPublicKeyInfo) {
    public SealKey {
      subjectPublicKeyInfo = subjectPublicKeyInfo.clone();
    }

    @Override
    public byte[] subjectPublicKeyInfo() {
      return subjectPublicKeyInfo.clone();
    }
  }

  /** Creates the key pair and its certificate unless both exist (or replaces them if forced). */
  static void ensure(
      PkiLayout layout, CertificateAuthority ca, String trustDomain, Instant now, boolean force) {
    if (!force
        && Files.isRegularFile(layout.auditorSealCertificate())
        && Files.isRegularFile(layout.auditorSealKey())) {
      return;
    }
    KeyPair kp;
    try {
      kp = KeyPairGenerator.getInstance("X25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 unavailable", e);
    }
    X509Certificate cert = certify(ca, new SpiffeId(trustDomain, Role.AUDITOR, NAME), kp, now);
    PemFiles.writePrivateKey(layout.auditorSealKey(), kp.getPrivate(), true);
    PemFiles.writePublic(
        layout.auditorSealCertificate(), PemFiles.pem("CERTIFICATE", PkiInitializer.encoded(cert)));
  }

  /**
   * The certified sealing key of this PKI.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static SealKey load(PkiDirectory pki, Instant now) {
    var file = pki.layout().auditorSealCertificate();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "no auditors' sealing certificate "
              + file
              + " (create it: codefed certs init --dir "
              + pki.root()
              + ")");
    }
    X509Certificate cert = PemFiles.readCertificate(file);
    try {
      cert.verify(pki.caCertificate().getPublicKey());
      cert.checkValidity(Date.from(now));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          file + ": not valid under this PKI's CA: " + e.getMessage(), e);
    }
    boolean[] usage = cert.getKeyUsage();
    if (usage == null || !usage[4] || usage[0]) {
      throw new IllegalArgumentException(file + ": key usage is not keyAgreement only");
    }
    String expected = pki.spiffeId(Role.AUDITOR, NAME).toString();
    List<String> uris = uris(cert);
    if (!uris.equals(List.of(expected))) {
      throw new IllegalArgumentException(
          file + ": names " + uris + " (expected: " + expected + ")");
    }
    byte[] spki = cert.getPublicKey().getEncoded();
    if (!SubjectPublicKeyInfo.getInstance(spki)
        .getAlgorithm()
        .getAlgorithm()
        .equals(EdECObjectIdentifiers.id_X25519)) {
      throw new IllegalArgumentException(file + ": not an X25519 key");
    }
    return new SealKey(keyId(spki), spki);
  }

  /** Lowercase hex SHA-256 of a SubjectPublicKeyInfo. */
  public static String keyId(byte[] subjectPublicKeyInfo) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate certify(
      CertificateAuthority ca, SpiffeId id, KeyPair kp, Instant now) {
    try {
      var b =
          new JcaX509v3CertificateBuilder(
                  X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                  new BigInteger(127, RANDOM).setBit(127),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(PkiInitializer.LEAF_VALIDITY)),
                  new X500Name("CN=codefed auditors' sealing key"),
                  kp.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName(GeneralName.uniformResourceIdentifier, id.toString())));
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey())));
    } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot certify the auditors' sealing key", e);
    }
  }

  private static List<String> uris(X509Certificate cert) {
    try {
      var sans = cert.getSubjectAlternativeNames();
      return sans == null
          ? List.of()
          : sans.stream()
              .filter(s -> (Integer) s.get(0) == GeneralName.uniformResourceIdentifier)
              .map(s -> (String) s.get(1))
              .toList();
    } catch (GeneralSecurityException e) {
      return List.of();
    }
  }
}
