package codefed.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDirectoryWatcherTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();
  static final Instant FEB_2021 = OffsetDateTime.parse("2021-02-08T09:00:00+08:00").toInstant();

  @TempDir Path dir;
  final List<String> archived = new ArrayList<>();
  final PolicyArchiver archiver = p -> archived.add(p.sourceName());
  final Map<String, String> shipped = PolicyBook.shippedDocuments();

  @BeforeEach
  void twoInnerMongoliaVersions() throws Exception {
    copy("150000-2020-03-12.textproto");
    copy("150000-2020-03-19.textproto");
  }

  private void copy(String name) throws Exception {
    Files.writeString(dir.resolve(name), shipped.get(name));
  }

  @Test
  void open_loadsAndArchivesEveryVersion() throws Exception {
    PolicyDirectoryWatcher w = PolicyDirectoryWatcher.open(dir, archiver);

    assertThat(w.get().versions("150000")).hasSize(2);
    assertThat(archived)
        .containsExactlyInAnyOrder("150000-2020-03-12.textproto", "150000-2020-03-19.textproto");
  }

  @Test
  void open_badFile_refusesToStartNamingTheFile() throws Exception {
    Files.writeString(dir.resolve("150000-bad.textproto"), "jurisdiction: \"150000\"\n");

    assertThatThrownBy(() -> PolicyDirectoryWatcher.open(dir, archiver))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("150000-bad.textproto: version: missing");
  }

  @Test
  void poll_newFile_isInForceWithoutRestartAndArchivedFirst() throws Exception {
    PolicyDirectoryWatcher w = PolicyDirectoryWatcher.open(dir, archiver);
    assertThat(w.get().inForce("150000", FEB_2021).map(Policy::version))
        .contains("2020-03-19T00:00+08:00");

    copy("150000-2021-01-31.textproto");
    boolean changed = w.poll();

    assertThat(changed).isTrue();
    assertThat(w.get().inForce("150000", FEB_2021).map(Policy::version))
        .contains("2021-01-31T00:00+08:00");
    assertThat(archived).contains("150000-2021-01-31.textproto");
  }

  @Test
  void poll_nothingChanged_keepsTheSameBook() throws Exception {
    PolicyDirectoryWatcher w = PolicyDirectoryWatcher.open(dir, archiver);
    PolicyBook before = w.get();

    assertThat(w.poll()).isFalse();
    assertThat(w.get()).isSameAs(before);
    assertThat(archived).hasSize(2);
  }

  @Test
  void poll_badNewFile_isIgnoredAndTheOldBookStays() throws Exception {
    PolicyDirectoryWatcher w = PolicyDirectoryWatcher.open(dir, archiver);
    PolicyBook before = w.get();

    Files.writeString(
        dir.resolve("150000-2021-01-31.textproto"),
        shipped.get("150000-2021-01-31.textproto").replace("\"P14D\"", "\"fourteen days\""));

    assertThat(w.poll()).isFalse();
    assertThat(w.get()).isSameAs(before);
    assertThat(archived).doesNotContain("150000-2021-01-31.textproto");
  }

  @Test
  void poll_badFileFixedLater_isPickedUp() throws Exception {
    PolicyDirectoryWatcher w = PolicyDirectoryWatcher.open(dir, archiver);
    Path file = dir.resolve("150000-2021-01-31.textproto");
    Files.writeString(file, "garbage {");
    w.poll();

    copy("150000-2021-01-31.textproto");

    assertThat(w.poll()).isTrue();
    assertThat(w.get().versions("150000")).hasSize(3);
  }

  @Test
  void poll_changedFile_replacesItsVersion() throws Exception {
    PolicyDirectoryWatcher w = PolicyDirectoryWatcher.open(dir, archiver);
    Path file = dir.resolve("150000-2020-03-19.textproto");
    Files.writeString(file, Files.readString(file).replace("37.3", "37.5"));

    assertThat(w.poll()).isTrue();
    assertThat(w.get().inForce("150000", MARCH_20).orElseThrow().feverThresholdCelsius())
        .isEqualTo(37.5);
    assertThat(w.get().versions("150000")).hasSize(2);
  }

  @Test
  void poll_newFileClashingWithAnExistingVersion_isIgnored() throws Exception {
    PolicyDirectoryWatcher w = PolicyDirectoryWatcher.open(dir, archiver);
    PolicyBook before = w.get();
    Files.writeString(
        dir.resolve("150000-copy.textproto"),
        shipped
            .get("150000-2020-03-19.textproto")
            .replace("version: \"2020-03-19T00:00+08:00\"", "version: \"copy\""));

    assertThat(w.poll()).isFalse();
    assertThat(w.get()).isSameAs(before);
  }

  @Test
  void poll_archiveFails_keepsTheVersionOutOfUseAndRetries() throws Exception {
    boolean[] archiveDown = {false};
    PolicyDirectoryWatcher w =
        PolicyDirectoryWatcher.open(
            dir,
            p -> {
              if (archiveDown[0]) {
                throw new java.io.IOException("disk full");
              }
              archived.add(p.sourceName());
            });
    archiveDown[0] = true;
    copy("150000-2021-01-31.textproto");

    assertThat(w.poll()).isFalse();
    assertThat(w.get().versions("150000")).hasSize(2);

    archiveDown[0] = false;
    assertThat(w.poll()).isTrue();
    assertThat(w.get().versions("150000")).hasSize(3);
  }

  @Test
  void poll_removedFile_dropsItsVersion() throws Exception {
    PolicyDirectoryWatcher w = PolicyDirectoryWatcher.open(dir, archiver);
    Files.delete(dir.resolve("150000-2020-03-19.textproto"));

    assertThat(w.poll()).isTrue();
    assertThat(w.get().versions("150000")).hasSize(1);
  }

  @Test
  void open_ignoresFilesWithOtherSuffixes() throws Exception {
    Files.writeString(dir.resolve("README.md"), "not a policy");
    Files.writeString(dir.resolve("150000-2020-03-19.textproto.bak"), "garbage");

    assertThat(PolicyDirectoryWatcher.open(dir, archiver).get().versions("150000")).hasSize(2);
  }
}
