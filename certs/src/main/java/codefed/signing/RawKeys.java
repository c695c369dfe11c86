package codefed.signing;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** The raw RFC 8032 bytes inside encoded Ed25519 keys, for the native implementation. */
final class RawKeys {
  private RawKeys() {}

  /** The 32-byte public key inside an X.509 SubjectPublicKeyInfo. */
  static byte[] ed25519PublicKey(PublicKey key) {
    byte[] raw = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
    if (raw.length != Libsodium.ED25519_PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException("public_key: " + raw.length + " bytes (expected: 32)");
    }
    return raw;
  }

  /** The 32-byte seed inside a PKCS#8 private key. */
  static byte[] ed25519Seed(PrivateKey key) {
    try {
      byte[] seed =
          ASN1OctetString.getInstance(
                  PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey())
              .getOctets();
      if (seed.length != 32) {
        throw new IllegalArgumentException("private_key: " + seed.length + " bytes (expected: 32)");
      }
      return seed;
    } catch (IOException e) {
      throw new IllegalArgumentException("private_key: not an Ed25519 PKCS#8 key", e);
    }
  }
}
