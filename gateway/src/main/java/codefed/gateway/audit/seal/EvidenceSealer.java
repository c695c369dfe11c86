package codefed.gateway.audit.seal;

import codefed.pki.AuditorSealKeys;
import codefed.pki.PkiDirectory;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Evidence;
import healthcode.federation.v1.RecordFormat;
import healthcode.federation.v1.SealedEvidence;
import java.io.IOException;
import java.time.Instant;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The gateway's side of sealing: encrypts a record's evidence to the auditors' certified key.
 * The gateway can seal but never open; thread-safe.
 */
public final class EvidenceSealer {
  private final AsymmetricKeyParameter recipient;
  private final String keyId;

  private EvidenceSealer(AsymmetricKeyParameter recipient, String keyId) {
    this.recipient = recipient;
    this.keyId = keyId;
  }

  /**
   * The sealer for the auditors' key certified in this PKI ({@code sealing/auditors.crt}).
   *
   * @throws IllegalArgumentException if the certificate is missing, not the CA's or not X25519
   */
  public static EvidenceSealer fromPki(PkiDirectory pki, Instant now) {
    return forKey(AuditorSealKeys.load(pki, now).subjectPublicKeyInfo());
  }

  /** The sealer for an X25519 public key (X.509 SubjectPublicKeyInfo DER). */
  public static EvidenceSealer forKey(byte[] subjectPublicKeyInfo) {
    AsymmetricKeyParameter key;
    try {
      key = PublicKeyFactory.createKey(subjectPublicKeyInfo);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("auditors' key: not a public key", e);
    }
    if (!(key instanceof X25519PublicKeyParameters)) {
      throw new IllegalArgumentException("auditors' key: " + key.getClass().getSimpleName() + " (expected: X25519)");
    }
    return new EvidenceSealer(key, AuditorSealKeys.keyId(subjectPublicKeyInfo));
  }

  /** The recipient key id written into every sealed evidence. */
  public String keyId() {
    return keyId;
  }

  /**
   * Marks the record as {@link RecordFormat#RECORD_FORMAT_SEALED_EVIDENCE} and, unless the
   * evidence is empty, seals it into {@code sealed_evidence}. The record's gateway, checkpoint,
   * kind, time and code id HMAC must already be set: the sealed bytes are bound to them.
   */
  public AuditRecord.Builder sealInto(AuditRecord.Builder record, Evidence evidence) {
    record.setFormat(RecordFormat.RECORD_FORMAT_SEALED_EVIDENCE);
    if (evidence.equals(Evidence.getDefaultInstance())) {
      return record;
    }
    byte[][] sealed;
    try {
      sealed = SealSuite.hpke().seal(recipient, SealSuite.INFO, SealSuite.aad(record, keyId),
          evidence.toByteArray(), null, null, null);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("sealing failed", e);
    }
    return record.setSealedEvidence(SealedEvidence.newBuilder()
        .setRecipientKeyId(keyId)
        .setCiphertext(ByteString.copyFrom(sealed[0]))
        .setEnc(ByteString.copyFrom(sealed[1])));
  }
}
