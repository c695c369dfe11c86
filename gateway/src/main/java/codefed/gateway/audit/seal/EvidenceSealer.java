package codefed.gateway.audit.seal;

import codefed.pki.AuditorSealKeys;
import codefed.pki.PkiDirectory;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Evidence;
import healthcode.federation.v1.RecordFormat;
import healthcode.federation.v1.SealScheme;
import healthcode.federation.v1.SealedEvidence;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The gateway's side of sealing: encrypts a record's evidence to the auditors' certified key. One
 * HPKE setup (an X25519 key pair and agreement, the costly part) serves a sealing epoch of at most
 * {@link #EPOCH_RECORDS} records and {@link #EPOCH_AGE}; each record is then one AES-GCM seal under
 * the epoch's exported key (see audit.proto SealScheme). The epoch's key lives in memory only and
 * is dropped when the epoch ends; the gateway can seal but never open what it sealed in an earlier
 * epoch. Thread-safe.
 */
public final class EvidenceSealer {
  /** Records sealed under one HPKE setup at most. */
  public static final long EPOCH_RECORDS = 65_536;

  /** Age of an epoch past which the next record starts a new one. */
  public static final Duration EPOCH_AGE = Duration.ofSeconds(60);

  private final AsymmetricKeyParameter recipient;
  private final String keyId;
  private final LongSupplier nanoTime;
  private final AtomicReference<Epoch> epoch = new AtomicReference<>();

  /** One HPKE setup: its encapsulated key, exported AEAD key, start and next index. */
  private record Epoch(ByteString enc, EpochKey key, long startNanos, AtomicLong next) {}

  private EvidenceSealer(AsymmetricKeyParameter recipient, String keyId, LongSupplier nanoTime) {
    this.recipient = recipient;
    this.keyId = keyId;
    this.nanoTime = nanoTime;
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
    return forKey(subjectPublicKeyInfo, System::nanoTime);
  }

  /** As {@link #forKey(byte[])}, with the time source that ages epochs. */
  static EvidenceSealer forKey(byte[] subjectPublicKeyInfo, LongSupplier nanoTime) {
    AsymmetricKeyParameter key;
    try {
      key = PublicKeyFactory.createKey(subjectPublicKeyInfo);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("auditors' key: not a public key", e);
    }
    if (!(key instanceof X25519PublicKeyParameters)) {
      throw new IllegalArgumentException(
          "auditors' key: " + key.getClass().getSimpleName() + " (expected: X25519)");
    }
    return new EvidenceSealer(key, AuditorSealKeys.keyId(subjectPublicKeyInfo), nanoTime);
  }

  /** The recipient key id written into every sealed evidence. */
  public String keyId() {
    return keyId;
  }

  /**
   * Marks the record as {@link RecordFormat#RECORD_FORMAT_SEALED_EVIDENCE} and, unless the evidence
   * is empty, seals it into {@code sealed_evidence}. The record's gateway, checkpoint, kind, time
   * and code id HMAC must already be set: the sealed bytes are bound to them.
   */
  public AuditRecord.Builder sealInto(AuditRecord.Builder record, Evidence evidence) {
    record.setFormat(RecordFormat.RECORD_FORMAT_SEALED_EVIDENCE);
    if (evidence.equals(Evidence.getDefaultInstance())) {
      return record;
    }
    while (true) {
      Epoch current = current();
      long index = current.next().getAndIncrement();
      if (index > EPOCH_RECORDS) {
        epoch.compareAndSet(current, null); // full: the next attempt starts a new epoch
        continue;
      }
      byte[] ciphertext;
      try {
        ciphertext =
            current.key().seal(index, SealSuite.aad(record, keyId), evidence.toByteArray());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("sealing failed", e);
      }
      return record.setSealedEvidence(
          SealedEvidence.newBuilder()
              .setRecipientKeyId(keyId)
              .setScheme(SealScheme.SEAL_SCHEME_HPKE_EPOCH)
              .setEnc(current.enc())
              .setEpochIndex(index)
              .setCiphertext(ByteString.copyFrom(ciphertext)));
    }
  }

  /** The open epoch, or a new one when there is none or it is too old. */
  private Epoch current() {
    Epoch e = epoch.get();
    long now = nanoTime.getAsLong();
    if (e != null && now - e.startNanos() < EPOCH_AGE.toNanos()) {
      return e;
    }
    HPKEContextWithEncapsulation context = SealSuite.hpke().setupBaseS(recipient, SealSuite.INFO);
    Epoch fresh =
        new Epoch(
            ByteString.copyFrom(context.getEncapsulation()),
            new EpochKey(context),
            now,
            new AtomicLong(1));
    epoch.compareAndSet(e, fresh); // if another thread won, this epoch seals this record only
    return fresh;
  }
}
