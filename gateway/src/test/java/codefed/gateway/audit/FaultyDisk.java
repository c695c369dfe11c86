package codefed.gateway.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * An audit log on a disk that can fail or hang its fsyncs, for tests outside this package (the
 * gateway's health and status tests). Built on {@link PowerCutDisk}, in memory.
 */
public final class FaultyDisk {
  private final PowerCutDisk disk = new PowerCutDisk(Map.of(), new Random(1), false);
  private final CountDownLatch release = new CountDownLatch(1);

  /**
   * Opens a log whose segments and checkpoints live on this disk ({@code dir} holds the lock and
   * policies).
   */
  public AuditLog open(Path dir, AuditLogOptions options) throws IOException {
    return AuditLog.open(dir, options, disk);
  }

  /** Every fsync from now on fails with an I/O error. */
  public void failSyncs() {
    disk.failSyncs();
  }

  /** Every fsync from now on hangs until {@link #releaseSyncs()}. */
  public void holdSyncs() {
    disk.holdSyncs(release);
  }

  public void releaseSyncs() {
    release.countDown();
  }
}
