package codefed.gateway.audit.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.audit.TestRecords;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Evidence;
import healthcode.federation.v1.SealScheme;
import healthcode.federation.v1.SealedEvidence;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.junit.jupiter.api.Test;

/**
 * Sealing epochs: one HPKE setup serves many records, yet each record opens on its own, in any
 * order, and only as itself; epochs end by age and by count; no (enc, index) pair ever repeats,
 * even under concurrent sealing; records sealed one HPKE setup each (before epochs) still open.
 */
class SealingEpochTest {
  private final KeyPair auditors = TestSealKeys.generate();
  private final AtomicLong nanos = new AtomicLong();
  private final EvidenceSealer sealer =
      EvidenceSealer.forKey(auditors.getPublic().getEncoded(), nanos::get);
  private final EvidenceOpener opener = EvidenceOpener.of(auditors.getPrivate().getEncoded());

  private AuditRecord seal(int i) {
    return sealer
        .sealInto(
            TestRecords.decision(i).toBuilder().clearNote(),
            Evidence.newBuilder().setNote("note " + i).build())
        .build();
  }

  @Test
  void oneEpoch_sharesEnc_indexesCount_eachRecordOpensAloneInAnyOrder() throws Exception {
    List<AuditRecord> records = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      records.add(seal(i));
    }

    assertThat(records)
        .extracting(r -> r.getSealedEvidence().getEnc())
        .containsOnly(records.get(0).getSealedEvidence().getEnc());
    assertThat(records)
        .extracting(r -> r.getSealedEvidence().getEpochIndex())
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
    assertThat(records)
        .extracting(r -> r.getSealedEvidence().getScheme())
        .containsOnly(SealScheme.SEAL_SCHEME_HPKE_EPOCH);
    List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, 50).boxed().toList());
    Collections.shuffle(order, new java.util.Random(3));
    for (int i : order) {
      EvidenceOpener fresh = EvidenceOpener.of(auditors.getPrivate().getEncoded());
      assertThat(fresh.open(records.get(i)).getNote()).isEqualTo("note " + i);
    }
  }

  @Test
  void ciphertextMovedToAnotherRecordOfTheSameEpoch_orIndexChanged_doesNotOpen() {
    AuditRecord a = seal(1);
    AuditRecord b = seal(2);
    SealedEvidence bEvidence = b.getSealedEvidence();

    AuditRecord moved =
        b.toBuilder()
            .setSealedEvidence(
                bEvidence.toBuilder().setCiphertext(a.getSealedEvidence().getCiphertext()))
            .build();
    AuditRecord reindexed =
        b.toBuilder()
            .setSealedEvidence(
                bEvidence.toBuilder().setEpochIndex(a.getSealedEvidence().getEpochIndex()))
            .build();
    AuditRecord bothMoved = b.toBuilder().setSealedEvidence(a.getSealedEvidence()).build();
    AuditRecord otherScheme =
        b.toBuilder()
            .setSealedEvidence(bEvidence.toBuilder().setScheme(SealScheme.SEAL_SCHEME_UNSPECIFIED))
            .build();

    for (AuditRecord bad : List.of(moved, reindexed, bothMoved, otherScheme)) {
      assertThatThrownBy(() -> opener.open(bad))
          .isInstanceOf(EvidenceException.class)
          .hasMessageContaining("does not open");
    }
    assertThat(seal(3)).satisfies(r -> assertThat(opener.open(r).getNote()).isEqualTo("note 3"));
  }

  @Test
  void epochEnds_byAge_andByCount() throws Exception {
    ByteString first = seal(0).getSealedEvidence().getEnc();
    nanos.addAndGet(EvidenceSealer.EPOCH_AGE.toNanos() - 1);
    assertThat(seal(1).getSealedEvidence().getEnc()).as("just under the age").isEqualTo(first);
    nanos.addAndGet(1);
    AuditRecord aged = seal(2);
    assertThat(aged.getSealedEvidence().getEnc()).as("at the age").isNotEqualTo(first);
    assertThat(aged.getSealedEvidence().getEpochIndex()).isEqualTo(1);

    ByteString second = aged.getSealedEvidence().getEnc();
    AuditRecord last = null;
    for (long i = 2; i <= EvidenceSealer.EPOCH_RECORDS; i++) {
      last = seal(3);
    }
    assertThat(last.getSealedEvidence().getEnc()).isEqualTo(second);
    assertThat(last.getSealedEvidence().getEpochIndex()).isEqualTo(EvidenceSealer.EPOCH_RECORDS);
    AuditRecord next = seal(4);
    assertThat(next.getSealedEvidence().getEnc()).as("past the count").isNotEqualTo(second);
    assertThat(next.getSealedEvidence().getEpochIndex()).isEqualTo(1);
    assertThat(opener.open(last).getNote()).isEqualTo("note 3");
    assertThat(opener.open(next).getNote()).isEqualTo("note 4");
  }

  @Test
  void concurrentSealing_neverRepeatsAnEncAndIndexPair() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<List<SealedEvidence>>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                List<SealedEvidence> out = new ArrayList<>();
                for (int i = 0; i < 5_000; i++) {
                  if (thread == 0 && i % 1_000 == 0) {
                    nanos.addAndGet(EvidenceSealer.EPOCH_AGE.toNanos()); // epochs end meanwhile
                  }
                  out.add(seal(i).getSealedEvidence());
                }
                return out;
              }));
    }
    Set<String> pairs = new HashSet<>();
    int total = 0;
    for (Future<List<SealedEvidence>> f : futures) {
      for (SealedEvidence s : f.get()) {
        pairs.add(s.getEnc().toStringUtf8() + "/" + s.getEpochIndex());
        total++;
      }
    }
    pool.shutdown();

    assertThat(total).isEqualTo(20_000);
    assertThat(pairs).hasSize(total);
  }

  @Test
  void recordSealedBeforeEpochs_oneHpkeSetupEach_stillOpens() throws Exception {
    AuditRecord.Builder r =
        TestRecords.decision(7).toBuilder()
            .clearNote()
            .setFormat(healthcode.federation.v1.RecordFormat.RECORD_FORMAT_SEALED_EVIDENCE);
    X25519PublicKeyParameters recipient =
        (X25519PublicKeyParameters) PublicKeyFactory.createKey(auditors.getPublic().getEncoded());
    String keyId = opener.keyId();
    byte[][] sealed =
        SealSuite.hpke()
            .seal(
                recipient,
                SealSuite.INFO,
                SealSuite.aad(r, keyId),
                Evidence.newBuilder().setNote("old").build().toByteArray(),
                null,
                null,
                null);
    AuditRecord old =
        r.setSealedEvidence(
                SealedEvidence.newBuilder()
                    .setRecipientKeyId(keyId)
                    .setCiphertext(ByteString.copyFrom(sealed[0]))
                    .setEnc(ByteString.copyFrom(sealed[1])))
            .build();

    assertThat(old.getSealedEvidence().getScheme()).isEqualTo(SealScheme.SEAL_SCHEME_UNSPECIFIED);
    assertThat(opener.open(old).getNote()).isEqualTo("old");
    assertThat(Duration.ofNanos(nanos.get())).isZero();
  }
}
