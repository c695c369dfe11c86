package codefed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.testing.SharedPki;
import codefed.signing.Signer;
import codefed.trust.CodeRejectedException;
import codefed.trust.TrustList;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes what an auditor runs on a log from a gateway it does not trust — {@link LogReader}, {@link
 * LogVerifier} ({@code audit verify}) — and what the gateway runs at start ({@link LogRecovery},
 * {@link CheckpointStore}), over a directory built from the input by {@link FuzzedLog}. Whatever
 * the directory holds, the only exception is {@link IOException} (a {@link LogCorruptedException}
 * naming file and offset), and a log that verifies reads back the same number of records. In a
 * normal build only the committed inputs under {@code LogFuzzTestInputs/} run; {@code
 * JAZZER_FUZZ=1} fuzzes (see gateway/README.md).
 */
class LogFuzzTest {
  static Path dir;
  static FuzzedLog logs;
  static VerificationKeys keys;

  /**
   * Held so that the level set below stays: recovery's warnings about torn tails are expected here.
   */
  static final Logger AUDIT_LOG = Logger.getLogger("codefed.gateway.audit");

  @BeforeAll
  static void setUp() throws Exception {
    AUDIT_LOG.setLevel(Level.SEVERE);
    Path shm = Path.of("/dev/shm");
    Path parent =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? shm
            : Path.of(System.getProperty("java.io.tmpdir"));
    dir = Files.createTempDirectory(parent, "codefed-log-fuzz");
    dir.toFile().deleteOnExit();
    KeyPair pair = TestKeys.p256();
    Signer signer = TestKeys.signer(pair);
    logs = new FuzzedLog(signer);
    TrustList trust = SharedPki.get().trustList();
    keys =
        new VerificationKeys() {
          @Override
          public PublicKey checkpointKey(String gateway) throws VerificationFailure {
            if (!gateway.equals("150000")) {
              throw new VerificationFailure("no certificate for gateway " + gateway, null);
            }
            return pair.getPublic();
          }

          @Override
          public StatusAssertion checkAssertion(
              SignedAssertion assertion, String issuer, Instant at) throws VerificationFailure {
            try {
              return trust.verifyAssertion(assertion, issuer, at);
            } catch (CodeRejectedException e) {
              throw new VerificationFailure(e.getMessage(), e);
            }
          }
        };
  }

  @FuzzTest(maxDuration = "5m")
  void readVerifyRecover_anyDirectory_throwsOnlyIoExceptions(FuzzedDataProvider in)
      throws IOException {
    logs.write(in, dir);
    List<AuditRecord> read = null;
    try {
      read = LogReader.readAll(dir);
    } catch (IOException expected) {
      // a damaged log: named file and offset
    }
    VerificationReport report = null;
    try {
      report = LogVerifier.verify(dir, keys);
    } catch (IOException expected) {
      // unreadable directory
    }
    if (report != null && report.ok()) {
      assertThat(read).as("a log that verifies is readable").isNotNull();
      assertThat((long) read.size())
          .as("records read = records verified")
          .isEqualTo(report.records());
    }
    recover();
  }

  /** What the gateway does at start (it may truncate a torn tail, so it runs last). */
  private static void recover() {
    LogRecovery.Recovered recovered;
    try {
      recovered = LogRecovery.recover(dir);
    } catch (IOException expected) {
      return;
    }
    try (CheckpointStore store = CheckpointStore.open(dir)) {
      AuditLog.checkLatestCheckpoint(dir, store, recovered.tree());
    } catch (IOException expected) {
      // refused, naming the file
    } finally {
      for (Segment s : recovered.segments()) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a read channel
        }
      }
    }
  }
}
