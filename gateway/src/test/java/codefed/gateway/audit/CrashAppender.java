package codefed.gateway.audit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Child process for {@link CrashSafetyTest}: appends from several threads as fast as it can and
 * prints {@code ACK <sequence> <note>} after each append returns, until it is killed.
 */
public final class CrashAppender {
  static final int THREADS = 8;

  private CrashAppender() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<String> key = Files.readAllLines(Path.of(args[1]));
    String run = args[2];
    KeyPair pair =
        TestKeys.decode(
            Base64.getDecoder().decode(key.get(0)), Base64.getDecoder().decode(key.get(1)));
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    AuditLog log =
        AuditLog.open(
            dir,
            AuditLogOptions.defaults("150000", TestKeys.signer(pair))
                .withCheckpointEvery(50, Duration.ofMillis(200))
                .withSegmentBytes(16 * 1024));
    out.println("READY " + log.size());
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; ; i++) {
                  String note = "run " + run + " thread " + thread + " #" + i;
                  try {
                    long seq =
                        log.append(TestRecords.decision(i).toBuilder().setNote(note).build());
                    synchronized (out) {
                      out.println("ACK " + seq + " " + note);
                    }
                  } catch (AuditUnavailableException e) {
                    return;
                  }
                }
              });
      th.start();
    }
  }
}
