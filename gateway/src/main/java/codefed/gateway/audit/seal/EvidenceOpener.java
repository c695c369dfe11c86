package codefed.gateway.audit.seal;

import codefed.pki.AuditorSealKeys;
import codefed.signing.KeyFiles;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Evidence;
import healthcode.federation.v1.SealedEvidence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/** The auditor's side: opens a record's sealed evidence with the auditors' private key. */
public final class EvidenceOpener {
  private final AsymmetricCipherKeyPair keyPair;
  private final String keyId;

  /** Epoch keys by encapsulated key: one X25519 agreement per epoch, not per record. */
  private final Cache<ByteString, EpochKey> epochs =
      Caffeine.newBuilder().maximumSize(1024).build();

  private EvidenceOpener(X25519PrivateKeyParameters key) {
    AsymmetricKeyParameter pub = key.generatePublicKey();
    this.keyPair = new AsymmetricCipherKeyPair(pub, key);
    try {
      this.keyId =
          AuditorSealKeys.keyId(
              SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the auditors' PKCS#8 PEM private key ({@code sealing/auditors.key}).
   *
   * @throws IOException naming the file if it cannot be read or is not an X25519 private key
   */
  public static EvidenceOpener load(Path keyFile) throws IOException {
    String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + KeyFiles.PRIVATE_KEY_TYPE + "-----";
    String end = "-----END " + KeyFiles.PRIVATE_KEY_TYPE + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(keyFile + ": no PKCS#8 PEM private key");
    }
    try {
      return of(Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to)));
    } catch (IllegalArgumentException e) {
      throw new IOException(keyFile + ": " + e.getMessage(), e);
    }
  }

  /** From a PKCS#8 DER private key. */
  public static EvidenceOpener of(byte[] pkcs8) {
    AsymmetricKeyParameter key;
    try {
      key = PrivateKeyFactory.createKey(pkcs8);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a PKCS#8 private key", e);
    }
    if (!(key instanceof X25519PrivateKeyParameters x)) {
      throw new IllegalArgumentException(
          key.getClass().getSimpleName() + " (expected: an X25519 private key)");
    }
    return new EvidenceOpener(x);
  }

  /** Id of the public key this opener answers to. */
  public String keyId() {
    return keyId;
  }

  /**
   * The record's evidence.
   *
   * @throws EvidenceException if the record has no sealed evidence, it is sealed to another key, or
   *     it does not open (altered, or moved from another record)
   */
  public Evidence open(AuditRecord record) throws EvidenceException {
    if (!record.hasSealedEvidence()) {
      throw new EvidenceException("no sealed evidence");
    }
    SealedEvidence s = record.getSealedEvidence();
    if (!s.getRecipientKeyId().equals(keyId)) {
      throw new EvidenceException(
          "sealed to key " + s.getRecipientKeyId() + ", not to the given key " + keyId);
    }
    byte[] plain;
    byte[] aad = SealSuite.aad(record, s.getRecipientKeyId());
    try {
      plain =
          switch (s.getScheme()) {
            case SEAL_SCHEME_UNSPECIFIED ->
                SealSuite.hpke()
                    .open(
                        s.getEnc().toByteArray(),
                        keyPair,
                        SealSuite.INFO,
                        aad,
                        s.getCiphertext().toByteArray(),
                        null,
                        null,
                        null);
            case SEAL_SCHEME_HPKE_EPOCH ->
                epochKey(s.getEnc()).open(s.getEpochIndex(), aad, s.getCiphertext().toByteArray());
            default ->
                throw new EvidenceException("sealed with unknown scheme " + s.getSchemeValue());
          };
    } catch (InvalidCipherTextException | GeneralSecurityException | RuntimeException e) {
      throw new EvidenceException("sealed evidence does not open: altered, or not this record's");
    }
    try {
      return Evidence.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw new EvidenceException("opened evidence is not an Evidence message");
    }
  }

  private EpochKey epochKey(ByteString enc) {
    return epochs.get(
        enc,
        e -> new EpochKey(SealSuite.hpke().setupBaseR(e.toByteArray(), keyPair, SealSuite.INFO)));
  }
}
