package codefed.gateway.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The repeatable, required {@code --log} option of the audit commands that read logs. */
final class LogOptions {
  static final String DESCRIPTION =
      "Audit log directory, or a directory of per-gateway logs; repeat for several shards.";

  @Option(names = "--log", required = true, paramLabel = "DIR", description = DESCRIPTION)
  List<Path> dirs;

  /** The shards the options name. */
  LogShards shards() throws IOException {
    return LogShards.of(dirs);
  }
}
