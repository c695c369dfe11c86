package codefed.gateway.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The file operations behind a log's segments and checkpoints file: the one place the log touches
 * its data files, so that a test can put a disk under the real code that loses what was not fsynced
 * at a simulated power cut. Production uses {@link #FILES}, the real file system. (The lock file
 * and the policy archive use the file system directly.)
 */
interface LogStorage {

  /** The real file system. */
  LogStorage FILES =
      new LogStorage() {
        @Override
        public FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
          return FileChannel.open(file, options);
        }

        @Override
        public void forceDirectory(Path dir) throws IOException {
          Durability.forceDirectory(dir);
        }

        @Override
        public List<Path> list(Path dir) throws IOException {
          try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
          }
        }

        @Override
        public byte[] readAllBytes(Path file) throws IOException {
          return Files.readAllBytes(file);
        }

        @Override
        public boolean exists(Path file) {
          return Files.exists(file);
        }
      };

  /**
   * Opens a file as {@link FileChannel#open(Path, Set, java.nio.file.attribute.FileAttribute[])}
   * does.
   */
  FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException;

  /** Makes the names of files created in {@code dir} durable (fsync of the directory). */
  void forceDirectory(Path dir) throws IOException;

  /** Every entry of {@code dir}, sorted by name. */
  List<Path> list(Path dir) throws IOException;

  byte[] readAllBytes(Path file) throws IOException;

  boolean exists(Path file);
}
