package codefed.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The federation root CA (ECDSA P-256): makes itself, leaf certificates and CRLs. */
public final class CertificateAuthority {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final PrivateKey privateKey;

  public CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
    this.certificate = certificate;
    this.privateKey = privateKey;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /** A new self-signed root for the trust domain. */
  public static CertificateAuthority createRoot(
      String trustDomain, Instant notBefore, Instant notAfter) {
    KeyPair kp = newP256KeyPair();
    X500Name name = name("codefed federation root CA", trustDomain);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  name,
                  randomSerial(),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  name,
                  kp.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(kp.getPublic()));
      return new CertificateAuthority(sign(b, kp.getPrivate()), kp.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create root CA", e);
    }
  }

  /**
   * Issues a leaf for {@code subjectKey}: digitalSignature, random 128-bit serial, and
   * serverAuth+clientAuth for a server leaf or clientAuth alone for a client leaf.
   */
  public X509Certificate issue(LeafSpec spec, java.security.PublicKey subjectKey) {
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      List<GeneralName> sans = new ArrayList<>();
      spec.uris().forEach(u -> sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, u)));
      spec.dnsNames().forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
      spec.ipAddresses().forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  certificate,
                  randomSerial(),
                  Date.from(spec.notBefore()),
                  Date.from(spec.notAfter()),
                  name(spec.commonName(), trustDomainOf(certificate)),
                  subjectKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  spec.server()
                      ? new ExtendedKeyUsage(
                          new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                          })
                      : new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
              .addExtension(
                  Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(certificate));
      if (!sans.isEmpty()) {
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(sans.toArray(GeneralName[]::new)));
      }
      return sign(b, privateKey);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue certificate for " + spec.commonName(), e);
    }
  }

  /**
   * A CRL listing {@code revoked} (serial → revocation time), valid from thisUpdate to nextUpdate.
   */
  public X509CRL crl(Map<BigInteger, Instant> revoked, Instant thisUpdate, Instant nextUpdate) {
    try {
      X509v2CRLBuilder b = new JcaX509v2CRLBuilder(certificate, Date.from(thisUpdate));
      b.setNextUpdate(Date.from(nextUpdate));
      revoked.forEach((serial, at) -> b.addCRLEntry(serial, Date.from(at), CRLReason.unspecified));
      b.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
      X509CRLHolder holder = b.build(signer(privateKey));
      return new JcaX509CRLConverter().getCRL(holder);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot sign CRL", e);
    }
  }

  public static KeyPair newP256KeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 unavailable", e);
    }
  }

  private static BigInteger randomSerial() {
    // 128 random bits; setBit keeps the length fixed and the value positive.
    return new BigInteger(127, RANDOM).setBit(127);
  }

  private static X500Name name(String cn, String trustDomain) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "codefed " + trustDomain)
        .addRDN(BCStyle.CN, cn)
        .build();
  }

  private static String trustDomainOf(X509Certificate ca) {
    X500Name n = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
    String o = n.getRDNs(BCStyle.O)[0].getFirst().getValue().toString();
    return o.substring("codefed ".length());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(b.build(signer(key)));
  }

  private static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign with CA key", e);
    }
  }
}
