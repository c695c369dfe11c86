package codefed.cli;

import codefed.cli.demo.Demo;
import codefed.cli.demo.FleetDemo;
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
      description =
          "Keep the PKI (DIR/pki) and the audit log (DIR/audit) here; default: a temporary directory, removed afterwards.")
  Path dir;

  @Option(
      names = "--population",
      defaultValue = "1000",
      description = "Synthetic residents loaded by each node (default: ${DEFAULT-VALUE}).")
  int population;

  @Option(
      names = "--gateways",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Run a fleet of N gateways of 150000 (2-8; separate JVMs), spread scans from three checkpoints "
              + "over them, kill one with SIGKILL mid-run, restart it, and check every answered scan in its shard "
              + "(default: ${DEFAULT-VALUE}, the scripted tour).")
  int gateways;

  @Option(
      names = "--scans",
      defaultValue = "100",
      paramLabel = "N",
      description = "With --gateways: scans per checkpoint (default: ${DEFAULT-VALUE}).")
  int scans;

  @Override
  public Integer call() throws Exception {
    DrillLogging.quiet();
    if (gateways < 1 || gateways > 8) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--gateways: " + gateways + " (expected: 1-8)");
    }
    if (scans < 3) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--scans: " + scans + " (expected: >= 3)");
    }
    try (TempDirs work = TempDirs.of(dir, "codefed-demo-")) {
      if (gateways > 1) {
        return FleetDemo.run(work.dir(), gateways, scans, population, System.out);
      }
      return Demo.run(work.dir(), population, !work.temporary(), System.out);
    }
  }
}
