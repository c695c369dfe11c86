package codefed.gateway.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The policy book of a directory of {@code *.textproto} version files, kept current without a
 * restart: {@link #poll()} re-reads files whose content changed. The first load is strict (a bad
 * file stops the gateway from starting); afterwards a bad new or changed file is logged and ignored
 * and the book in use stays as it was. Every version is archived before it is used.
 */
public final class PolicyDirectoryWatcher implements Supplier<PolicyBook>, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PolicyDirectoryWatcher.class.getName());
  static final String SUFFIX = ".textproto";

  private final Path dir;
  private final PolicyArchiver archiver;

  /** Content hash of the last text seen per file, good or bad: a bad file is reported once. */
  private final Map<Path, String> seen = new HashMap<>();

  private final Map<Path, Policy> loaded = new HashMap<>();
  private volatile PolicyBook book;
  private ScheduledFuture<?> schedule;

  private PolicyDirectoryWatcher(Path dir, PolicyArchiver archiver) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.archiver = Objects.requireNonNull(archiver, "archiver");
  }

  /**
   * Loads every version in {@code dir}.
   *
   * @throws PolicyException naming each bad file and field, or an archiving failure
   * @throws IOException if the directory cannot be read
   */
  public static PolicyDirectoryWatcher open(Path dir, PolicyArchiver archiver)
      throws PolicyException, IOException {
    PolicyDirectoryWatcher watcher = new PolicyDirectoryWatcher(dir, archiver);
    watcher.loadInitial();
    return watcher;
  }

  private void loadInitial() throws PolicyException, IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files()) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      try {
        Policy policy = PolicyParser.parse(file.getFileName().toString(), text);
        archive(policy);
        loaded.put(file, policy);
      } catch (PolicyException e) {
        problems.addAll(e.problems());
      }
      seen.put(file, hashOf(text));
    }
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    book = PolicyBook.of(loaded.values());
  }

  /** The book in use. */
  @Override
  public PolicyBook get() {
    return book;
  }

  /**
   * Re-reads new, changed and removed files once.
   *
   * @return whether the book in use changed
   */
  public synchronized boolean poll() {
    List<Path> files;
    try {
      files = files();
    } catch (IOException e) {
      LOG.warning("policy directory " + dir + " unreadable, keeping the policies in use: " + e);
      return false;
    }
    Map<Path, Policy> next = new HashMap<>(loaded);
    Map<Path, String> nextSeen = new HashMap<>(seen);
    next.keySet().retainAll(files);
    nextSeen.keySet().retainAll(files);
    boolean changed = next.size() != loaded.size();
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        LOG.warning("policy file " + file.getFileName() + " unreadable, ignored: " + e);
        continue;
      }
      String hash = hashOf(text);
      if (hash.equals(seen.get(file))) {
        continue;
      }
      try {
        Policy policy = PolicyParser.parse(file.getFileName().toString(), text);
        archive(policy);
        next.put(file, policy);
        nextSeen.put(file, hash);
        changed = true;
      } catch (PolicyException e) {
        LOG.warning("policy file ignored, the policies in use stay: " + e.getMessage());
        if (!e.problems().stream().anyMatch(p -> p.contains(ARCHIVE_PROBLEM))) {
          nextSeen.put(file, hash);
        }
      }
    }
    if (!changed) {
      seen.putAll(nextSeen);
      return false;
    }
    try {
      PolicyBook nextBook = PolicyBook.of(next.values());
      loaded.clear();
      loaded.putAll(next);
      seen.clear();
      seen.putAll(nextSeen);
      book = nextBook;
      LOG.info("policies now in use: " + nextBook);
      return true;
    } catch (PolicyException e) {
      LOG.warning("policy change ignored, the policies in use stay: " + e.getMessage());
      seen.putAll(nextSeen);
      return false;
    }
  }

  /** Polls every {@code interval} on {@code scheduler} until {@link #close()}. */
  public synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
    if (schedule != null) {
      throw new IllegalStateException("already started");
    }
    long millis = interval.toMillis();
    schedule =
        scheduler.scheduleWithFixedDelay(this::pollQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: keep watching.
      LOG.log(Level.WARNING, "policy poll failed", e);
    }
  }

  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
      schedule = null;
    }
  }

  private static final String ARCHIVE_PROBLEM = "cannot be archived";

  private void archive(Policy policy) throws PolicyException {
    try {
      archiver.archive(policy);
    } catch (Exception e) {
      LOG.log(Level.FINE, "archiving " + policy.sourceName() + " failed", e);
      throw new PolicyException(
          policy.sourceName() + ": " + ARCHIVE_PROBLEM + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p))
          .sorted()
          .toList();
    }
  }

  private static String hashOf(String text) {
    return java.util.HexFormat.of().formatHex(PolicyParser.sha256(text));
  }
}
