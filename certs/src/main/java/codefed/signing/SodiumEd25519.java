package codefed.signing;

import com.goterl.lazysodium.SodiumJava;
import java.util.Arrays;

/**
 * Ed25519 (RFC 8032, pure) in libsodium over raw keys: 32-byte public keys, 64-byte secret keys
 * (seed followed by the public key). Signatures are byte-for-byte those of any other RFC 8032
 * implementation; verification rejects non-canonical and small-order encodings, as BouncyCastle's
 * does.
 */
final class SodiumEd25519 {
  private final SodiumJava sodium;

  SodiumEd25519(SodiumJava sodium) {
    this.sodium = sodium;
  }

  /** Whether {@code signature} is valid over {@code prefix || message}. */
  boolean verify(byte[] publicKey, byte[] prefix, byte[] message, byte[] signature) {
    if (signature.length != Libsodium.ED25519_SIGNATURE_BYTES
        || publicKey.length != Libsodium.ED25519_PUBLIC_KEY_BYTES) {
      return false;
    }
    byte[] signed = concat(prefix, message);
    return sodium.crypto_sign_verify_detached(signature, signed, signed.length, publicKey) == 0;
  }

  /** The signature over {@code prefix || message}. */
  byte[] sign(byte[] secretKey, byte[] prefix, byte[] message) {
    byte[] signed = concat(prefix, message);
    byte[] signature = new byte[Libsodium.ED25519_SIGNATURE_BYTES];
    if (sodium.crypto_sign_detached(signature, null, signed, signed.length, secretKey) != 0) {
      throw new IllegalStateException("libsodium crypto_sign_detached failed");
    }
    return signature;
  }

  /** The 64-byte secret key of a 32-byte RFC 8032 seed. */
  byte[] secretKey(byte[] seed) {
    byte[] publicKey = new byte[Libsodium.ED25519_PUBLIC_KEY_BYTES];
    byte[] secretKey = new byte[Libsodium.ED25519_SECRET_KEY_BYTES];
    if (sodium.crypto_sign_seed_keypair(publicKey, secretKey, seed) != 0) {
      throw new IllegalArgumentException("Ed25519 seed rejected");
    }
    return secretKey;
  }

  private static byte[] concat(byte[] prefix, byte[] message) {
    if (prefix.length == 0) {
      return message;
    }
    byte[] all = Arrays.copyOf(prefix, prefix.length + message.length);
    System.arraycopy(message, 0, all, prefix.length, message.length);
    return all;
  }
}
