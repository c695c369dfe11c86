package codefed.gateway.cli;

import codefed.gateway.audit.LogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit logs (one shard per gateway) named by repeated {@code --log} options, each either a log
 * or a directory of per-gateway logs, and how output names each shard.
 */
final class LogShards {
  private final List<Path> dirs;
  private final Map<Path, String> prefixes = new HashMap<>();

  private LogShards(List<Path> dirs, Map<Path, String> prefixes) {
    this.dirs = List.copyOf(dirs);
    this.prefixes.putAll(prefixes);
  }

  static LogShards of(List<Path> logs) throws IOException {
    List<Path> dirs = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path log : logs) {
      for (Path dir : LogReader.logDirectories(log)) {
        Path real = dir.toRealPath();
        if (!seen.add(real)) {
          throw new IOException("--log " + dir + ": given twice");
        }
        dirs.add(dir);
      }
    }
    Map<Path, String> prefixes = new HashMap<>();
    if (dirs.size() == 1 && logs.contains(dirs.get(0))) {
      prefixes.put(dirs.get(0), "");
      return new LogShards(dirs, prefixes);
    }
    Set<String> names = new HashSet<>();
    boolean distinct = dirs.stream().allMatch(d -> names.add(String.valueOf(d.getFileName())));
    for (Path d : dirs) {
      prefixes.put(d, (distinct ? String.valueOf(d.getFileName()) : d.toString()) + ": ");
    }
    return new LogShards(dirs, prefixes);
  }

  List<Path> dirs() {
    return dirs;
  }

  /**
   * What each line about {@code dir} starts with: empty for a single log, else the shard's name.
   */
  String prefix(Path dir) {
    return prefixes.get(dir);
  }

  boolean several() {
    return dirs.size() > 1;
  }
}
