package codefed.gateway.audit.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.hpke.HPKEContext;

/**
 * The AES-128-GCM key and base nonce of one sealing epoch, exported from its HPKE context (RFC 9180
 * §5.3) identically by sealer and opener; a record's nonce is the base XOR its index in the epoch,
 * as HPKE forms its own nonces. Thread-safe.
 */
final class EpochKey {
  private static final byte[] KEY_LABEL =
      "codefed/v1/evidence-epoch-key".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NONCE_LABEL =
      "codefed/v1/evidence-epoch-nonce".getBytes(StandardCharsets.US_ASCII);
  private static final int TAG_BITS = 128;
  private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(EpochKey::newCipher);

  private final SecretKeySpec key;
  private final byte[] baseNonce;

  EpochKey(HPKEContext context) {
    this.key = new SecretKeySpec(context.export(KEY_LABEL, 16), "AES");
    this.baseNonce = context.export(NONCE_LABEL, 12);
  }

  byte[] seal(long index, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
    return run(Cipher.ENCRYPT_MODE, index, aad, plaintext);
  }

  /**
   * @throws GeneralSecurityException if the tag does not check: altered, or another record's
   */
  byte[] open(long index, byte[] aad, byte[] ciphertext) throws GeneralSecurityException {
    return run(Cipher.DECRYPT_MODE, index, aad, ciphertext);
  }

  private byte[] run(int mode, long index, byte[] aad, byte[] input)
      throws GeneralSecurityException {
    Cipher cipher = CIPHER.get();
    try {
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce(index)));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (GeneralSecurityException | RuntimeException e) {
      CIPHER.remove(); // never reuse a cipher left mid-operation
      throw e;
    }
  }

  private byte[] nonce(long index) {
    byte[] nonce = baseNonce.clone();
    for (int i = 0; i < Long.BYTES; i++) {
      nonce[nonce.length - 1 - i] ^= (byte) (index >>> (8 * i));
    }
    return nonce;
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable in this JDK", e);
    }
  }
}
