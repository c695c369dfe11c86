package codefed.cli.demo;

import codefed.cli.drill.Drill;
import codefed.cli.drill.DrillGateway;
import codefed.pki.Role;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Runs the demo federation and its script; returns the process exit code. */
public final class Demo {
  private static final String AUDITOR = "auditor-1";

  private Demo() {}

  public static int run(Path dir, int population, boolean keep, PrintStream out) throws Exception {
    long start = System.nanoTime();
    out.println(
        "codefed demo: PKI, five province nodes and the Inner Mongolia gateway on loopback (mTLS),"
            + " each party from its own bundle");
    List<DemoRow> rows;
    codefed.gateway.audit.witness.Witness.Observation witnessed;
    Path audit = dir.resolve("audit");
    try (Drill drill =
        Drill.start(
            dir,
            Set.copyOf(DemoScript.ISSUERS),
            Set.of(DemoScript.GATEWAY),
            DemoScript.MARCH_2020,
            DemoScript.MARCH_2020.minus(Duration.ofDays(60)),
            population)) {
      out.printf(
          "  nodes: %s (%d residents each), gateway 150000 on port ",
          String.join(", ", DemoScript.ISSUERS), population);
      try (DrillGateway gateway = drill.gateway(DemoScript.GATEWAY, audit)) {
        out.println(gateway.port());
        out.println();
        rows = new DemoScript(drill, gateway, out).run();
        witnessed = DemoWitness.once(drill, gateway);
      }
      drill.bundle(
          Role.AUDITOR, AUDITOR); // what an auditor verifies the log with, apart from the authority
    }
    out.println();
    out.printf(
        "%d scans in %.1f s. Outcomes: %s%n",
        rows.size(), (System.nanoTime() - start) / 1e9, DemoSummary.outcomes(rows));
    out.println(
        "Witness "
            + DemoWitness.AUDITOR
            + ": "
            + witnessed.result().name().toLowerCase(java.util.Locale.ROOT)
            + ", "
            + witnessed.message()
            + " of gateway "
            + witnessed.gateway());
    DemoRow receipted = rows.get(0);
    if (keep && receipted.decision().hasReceipt()) {
      codefed.gateway.audit.receipt.ReceiptFiles.write(
          dir.resolve("receipt-1.txtpb"), receipted.decision().getReceipt());
    }
    if (keep) {
      out.println("Audit log: " + audit);
      Path auditor = dir.resolve("bundles/auditor").resolve(AUDITOR);
      out.println(
          "  ./codefed audit verify --log "
              + audit
              + " --pki "
              + auditor
              + " --witness "
              + dir.resolve("witness"));
      out.println(
          "  ./codefed audit prove --receipt "
              + dir.resolve("receipt-1.txtpb")
              + " --log "
              + audit
              + " --pki "
              + auditor
              + " --witness "
              + dir.resolve("witness"));
      out.println(
          "  ./codefed audit replay --log "
              + audit
              + " --pki "
              + auditor
              + " --auditor-key "
              + auditor.resolve("sealing").resolve("auditors.key"));
    } else {
      out.println(
          "(run with --dir DIR to keep the PKI and the audit log for 'codefed audit verify')");
    }
    return 0;
  }
}
