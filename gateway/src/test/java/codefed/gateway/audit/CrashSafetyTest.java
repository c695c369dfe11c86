package codefed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import healthcode.federation.v1.AuditRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: a child JVM appends as fast as it can and is killed with SIGKILL after
 * a random number of acknowledgements (fixed seed). Each time, every acknowledged record must be in
 * the reopened log, unchanged, and the log must verify.
 */
class CrashSafetyTest {
  private static final Logger LOG = Logger.getLogger(CrashSafetyTest.class.getName());
  private static final long SEED = 20200319L;
  private static final int KILLS = 20;

  @TempDir Path tmp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killedAtRandomMoments_everyAcknowledgedRecordSurvives_andTheLogVerifies() throws Exception {
    LOG.info("crash test seed " + SEED);
    Random random = new Random(SEED);
    KeyPair key = TestKeys.p256();
    Path keyFile = tmp.resolve("checkpoint-key.txt");
    Files.write(
        keyFile,
        List.of(
            Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()),
            Base64.getEncoder().encodeToString(key.getPublic().getEncoded())));
    Path dir = tmp.resolve("log");
    Map<Long, String> acknowledged = new HashMap<>();
    VerificationKeys trusted = TestIssuers.keys("150000", key.getPublic(), Map.of());
    AuditLogOptions parentOptions = AuditLogOptions.defaults("150000", TestKeys.signer(key));

    for (int run = 0; run < KILLS; run++) {
      // 0 = kill as soon as the log is open (recovery just ran); else after that many acks.
      int killAfter = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(400);
      Process child =
          new ProcessBuilder(
                  javaExecutable(),
                  "-XX:TieredStopAtLevel=1",
                  "-Xshare:auto",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashAppender.class.getName(),
                  dir.toString(),
                  keyFile.toString(),
                  Integer.toString(run))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      int acks = 0;
      boolean killed = false;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith("ACK ")) {
            String[] parts = line.split(" ", 3);
            acknowledged.put(Long.parseLong(parts[1]), parts[2]);
            acks++;
          }
          if (!killed && (line.startsWith("READY") ? killAfter == 0 : acks >= killAfter)) {
            child.toHandle().destroyForcibly(); // SIGKILL; lines already in the pipe are still read
            killed = true;
          }
        }
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      LOG.info("run " + run + ": killed after " + acks + " acks (target " + killAfter + ")");

      try (AuditLog log = AuditLog.open(dir, parentOptions)) {
        assertThat(log.size()).as("run %d", run).isGreaterThanOrEqualTo(acknowledged.size());
        for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
          assertThat(AuditRecord.parseFrom(log.read(e.getKey())).getNote())
              .as("run %d, record %d", run, e.getKey())
              .isEqualTo(e.getValue());
        }
      }
      VerificationReport report = LogVerifier.verify(dir, trusted);
      assertThat(report.ok()).as("run %d: %s", run, report.summary()).isTrue();
    }
    assertThat(acknowledged).hasSizeGreaterThan(KILLS);
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
