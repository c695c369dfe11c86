package codefed.gateway.audit.witness;

import codefed.gateway.audit.Checkpoints;
import healthcode.witness.v1.WitnessedCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A witness's state directory: per gateway the latest cosigned checkpoint ({@code
 * <gateway>.checkpoint}, replaced atomically), every one it ever cosigned ({@code
 * <gateway>.history}, length-delimited, append-only) and refusals ({@code refusals.log}). Gateways
 * read it at start; {@code audit verify --witness} and {@code audit prove} read it.
 */
public final class WitnessStore {
  static final String LATEST_SUFFIX = ".checkpoint";
  static final String HISTORY_SUFFIX = ".history";
  static final String REFUSALS = "refusals.log";
  private static final Pattern GATEWAY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Path dir;

  public WitnessStore(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  /** The latest checkpoint this witness cosigned for {@code gateway}. */
  public Optional<WitnessedCheckpoint> latest(String gateway) throws IOException {
    Path file = dir.resolve(fileName(gateway, LATEST_SUFFIX));
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      return Optional.of(WitnessedCheckpoint.parseFrom(in));
    }
  }

  /** Every gateway this witness holds a checkpoint of. */
  public List<String> gateways() throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (var files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        String n = p.getFileName().toString();
        if (n.endsWith(LATEST_SUFFIX)) {
          out.add(n.substring(0, n.length() - LATEST_SUFFIX.length()));
        }
      }
    }
    return out;
  }

  /** Appends to the history (forced), then replaces the latest file atomically. */
  public void store(WitnessedCheckpoint w) throws IOException {
    String gateway = Checkpoints.parse(w.getCheckpoint()).getGateway();
    Files.createDirectories(dir);
    try (FileChannel ch =
        FileChannel.open(
            dir.resolve(fileName(gateway, HISTORY_SUFFIX)),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      OutputStream out = Channels.newOutputStream(ch);
      w.writeDelimitedTo(out);
      out.flush();
      ch.force(true);
    }
    Path tmp = Files.createTempFile(dir, ".tmp-", LATEST_SUFFIX);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(w.toByteArray()));
      ch.force(true);
    }
    Files.move(
        tmp,
        dir.resolve(fileName(gateway, LATEST_SUFFIX)),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Every checkpoint cosigned for {@code gateway}, oldest first. */
  public List<WitnessedCheckpoint> history(String gateway) throws IOException {
    List<WitnessedCheckpoint> out = new ArrayList<>();
    Path file = dir.resolve(fileName(gateway, HISTORY_SUFFIX));
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try (InputStream in = Files.newInputStream(file)) {
      for (WitnessedCheckpoint w; (w = WitnessedCheckpoint.parseDelimitedFrom(in)) != null; ) {
        out.add(w);
      }
    }
    return out;
  }

  /** Appends one line to {@code refusals.log}. */
  public void recordRefusal(String line) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(REFUSALS),
        line + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /**
   * Of several witnesses' state directories, the largest checkpoint any holds for {@code gateway}.
   */
  public static Optional<Witnessed> latestAcross(List<Path> dirs, String gateway)
      throws IOException {
    List<Witnessed> found = new ArrayList<>();
    for (Path d : dirs) {
      new WitnessStore(d).latest(gateway).ifPresent(w -> found.add(new Witnessed(d, w)));
    }
    return found.stream()
        .max(
            Comparator.comparingLong(
                w -> Checkpoints.parse(w.checkpoint().getCheckpoint()).getTreeSize()));
  }

  /** A cosigned checkpoint and the state directory it came from. */
  public record Witnessed(Path stateDir, WitnessedCheckpoint checkpoint) {}

  private static String fileName(String gateway, String suffix) {
    if (!GATEWAY.matcher(gateway).matches()) {
      throw new IllegalArgumentException(
          "gateway: \"" + gateway + "\" (expected an identity name)");
    }
    return gateway + suffix;
  }
}
