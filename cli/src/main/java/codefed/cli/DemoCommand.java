package codefed.cli;

import codefed.cli.demo.Demo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code codefed demo}: the federation at work, on loopback, in under a minute. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start a federation on loopback, scan real codes, print decisions.",
      "Makes a fresh PKI, starts nodes for 150000, 140000, 420000, 530000 and NATIONAL and the "
          + "Inner Mongolia gateway (mTLS), issues codes and scans a scripted set: PASS, CONTROL (yellow, "
          + "red, fever, itinerary), EXPIRED, the Hubei exception, a forged code, a color change, a node "
          + "outage and recovery. Prints a table; the gateway's audit log is left under DIR/audit."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      description = "Keep the PKI (DIR/pki) and the audit log (DIR/audit) here; default: a temporary directory, removed afterwards.")
  Path dir;

  @Option(names = "--population", defaultValue = "1000",
      description = "Synthetic residents loaded by each node (default: ${DEFAULT-VALUE}).")
  int population;

  @Override
  public Integer call() throws Exception {
    DrillLogging.quiet();
    try (TempDirs work = TempDirs.of(dir, "codefed-demo-")) {
      return Demo.run(work.dir(), population, !work.temporary(), System.out);
    }
  }
}
