package codefed.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.audit.TrustListArchive;
import codefed.pki.IssuerKeyLifecycle;
import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import codefed.trust.TrustList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's trust list across rotations: reloaded on demand, archived before use. */
class TrustListHolderTest {
  private static final String SHANXI = "140000";
  @TempDir static Path root;
  private static PkiDirectory pki;
  @TempDir Path audit;

  private final AtomicLong nanos = new AtomicLong();
  private final IssuerKeyLifecycle lifecycle = new IssuerKeyLifecycle(Clock.systemUTC());

  @BeforeAll
  static void pki() {
    pki = TestPki.create(root.resolve("pki"), SHANXI);
  }

  private void rotate() {
    lifecycle.rotate(pki.root(), SHANXI, Optional.empty(), Duration.ofMinutes(1));
  }

  @Test
  void load_archivesTheFirstVersionBeforeUsingIt() throws Exception {
    TrustListHolder holder =
        TrustListHolder.load(pki, new TrustListArchive(audit)::store, nanos::get);

    List<TrustList> archived = TrustListArchive.load(audit, pki.caCertificate());
    assertThat(archived).extracting(TrustList::version).containsExactly(holder.get().version());
  }

  @Test
  void reloadForUnknownKey_takesARewrittenListAtOnce_otherwiseRereadsAtMostOncePerInterval()
      throws Exception {
    TrustListHolder holder =
        TrustListHolder.load(pki, new TrustListArchive(audit)::store, nanos::get);
    TrustList first = holder.get();

    assertThat(holder.reloadForUnknownKey(first))
        .as("file unchanged, within the interval")
        .isSameAs(first);
    rotate();
    TrustList second = holder.reloadForUnknownKey(first);
    assertThat(second.version())
        .as("a published rotation is taken at once")
        .isEqualTo(first.version() + 1);
    assertThat(holder.get()).isSameAs(second);
    assertThat(holder.reloadForUnknownKey(second)).as("just read, file unchanged").isSameAs(second);
    assertThat(holder.reloadForUnknownKey(first))
        .as("a caller behind gets the current list")
        .isSameAs(second);
    nanos.addAndGet(TrustListHolder.MIN_RELOAD_INTERVAL.toNanos());
    assertThat(holder.reloadForUnknownKey(second))
        .as("re-read after the interval, same version")
        .isSameAs(second);
    assertThat(TrustListArchive.load(audit, pki.caCertificate()))
        .extracting(TrustList::version)
        .containsExactly(first.version(), second.version());
  }

  @Test
  void refresh_whenTheArchiveFails_keepsTheOldVersion_andTakesTheNewOneOnceItCanBeArchived()
      throws Exception {
    AtomicBoolean diskFull = new AtomicBoolean();
    TrustListArchive archive = new TrustListArchive(audit);
    TrustListHolder holder =
        TrustListHolder.load(
            pki,
            list -> {
              if (diskFull.get()) {
                throw new IOException("No space left on device");
              }
              archive.store(list);
            },
            nanos::get);
    TrustList first = holder.get();
    rotate();
    diskFull.set(true);

    holder.refresh();
    assertThat(holder.get()).isSameAs(first);

    diskFull.set(false);
    holder.refresh();
    assertThat(holder.get().version()).isEqualTo(first.version() + 1);
    assertThat(TrustListArchive.load(audit, pki.caCertificate())).hasSize(2);
  }

  @Test
  void archiveLoad_anAlteredArchivedList_isRefusedNamingTheFile() throws Exception {
    TrustListHolder.load(pki, new TrustListArchive(audit)::store, nanos::get);
    Path file;
    try (var files = Files.list(audit.resolve(TrustListArchive.DIR_NAME))) {
      file = files.findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);

    assertThatThrownBy(() -> TrustListArchive.load(audit, pki.caCertificate()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.getFileName().toString());
  }
}
