package codefed.signing;

import healthcode.federation.v1.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One JCA implementation of a signature algorithm: provider plus the names it uses. {@link
 * SignatureAlgorithms} picks one per algorithm from measurements; the others stay here so that
 * {@code SignatureSpeed} can re-measure them.
 */
enum JcaImplementation {
  P256_JDK(
      SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256,
      Providers.JDK_EC,
      "SHA256withECDSA",
      "EC",
      "secp256r1",
      SECObjectIdentifiers.secp256r1),
  P256_BC(
      SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256,
      Providers.BC,
      "SHA256withECDSA",
      "EC",
      "secp256r1",
      SECObjectIdentifiers.secp256r1),
  SM2_BC(
      SignatureAlgorithm.SIGNATURE_ALGORITHM_SM2_SM3,
      Providers.BC,
      "SM3withSM2",
      "EC",
      "sm2p256v1",
      GMObjectIdentifiers.sm2p256v1),
  ED25519_JDK(
      SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519,
      Providers.JDK_EC,
      "Ed25519",
      "Ed25519",
      null,
      EdECObjectIdentifiers.id_Ed25519),
  ED25519_BC(
      SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519,
      Providers.BC,
      "Ed25519",
      "Ed25519",
      null,
      EdECObjectIdentifiers.id_Ed25519);

  private final SignatureAlgorithm algorithm;
  private final Provider provider;
  private final String signatureName;
  private final String keyAlgorithm;
  private final String curve;

  /** The curve OID for EC keys, the key algorithm OID otherwise. */
  private final ASN1ObjectIdentifier keyOid;

  JcaImplementation(
      SignatureAlgorithm algorithm,
      Provider provider,
      String signatureName,
      String keyAlgorithm,
      String curve,
      ASN1ObjectIdentifier keyOid) {
    this.algorithm = algorithm;
    this.provider = provider;
    this.signatureName = signatureName;
    this.keyAlgorithm = keyAlgorithm;
    this.curve = curve;
    this.keyOid = keyOid;
  }

  SignatureAlgorithm algorithm() {
    return algorithm;
  }

  Provider provider() {
    return provider;
  }

  ASN1ObjectIdentifier keyOid() {
    return keyOid;
  }

  Signature newSignature() {
    try {
      return Signature.getInstance(signatureName, provider);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(signatureName + " missing from " + provider.getName(), e);
    }
  }

  KeyFactory keyFactory() {
    try {
      return KeyFactory.getInstance(keyAlgorithm, provider);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(keyAlgorithm + " missing from " + provider.getName(), e);
    }
  }

  KeyPairGenerator keyPairGenerator() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, provider);
      if (curve != null) {
        generator.initialize(new ECGenParameterSpec(curve), SignatureAlgorithms.random());
      }
      return generator;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(keyAlgorithm + " key generation unavailable", e);
    }
  }

  /** Providers are created once: a BouncyCastleProvider instance is expensive to build. */
  static final class Providers {
    static final Provider BC = new BouncyCastleProvider();
    static final Provider JDK_EC = jdkEc();

    private Providers() {}

    private static Provider jdkEc() {
      Provider sunEc = Security.getProvider("SunEC");
      if (sunEc == null) {
        throw new IllegalStateException("JDK provider SunEC missing");
      }
      return sunEc;
    }
  }
}
