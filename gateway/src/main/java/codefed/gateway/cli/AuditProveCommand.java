package codefed.gateway.cli;

import codefed.gateway.audit.receipt.ReceiptFiles;
import codefed.gateway.audit.receipt.ReceiptProof;
import codefed.gateway.audit.signing.AuditCertificates;
import codefed.pki.PkiDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code codefed audit prove}: a saved receipt is in the log and under a (witnessed) checkpoint.
 */
@Command(
    name = "prove",
    mixinStandardHelpOptions = true,
    description = {
      "Prove a receipt (codefed scan --receipt-out): its signature is the gateway's CA-certified audit key's, "
          + "the record it names is in the log unaltered, and an RFC 9162 inclusion proof leads to the latest "
          + "checkpoint a witness cosigned (--witness) or else the log's latest checkpoint.",
      "Prints 'OK: ...' or 'FAIL: <why>'; exit 1 on failure."
    })
final class AuditProveCommand implements Callable<Integer> {
  @Option(
      names = "--receipt",
      required = true,
      paramLabel = "FILE",
      description = "The saved receipt.")
  Path receipt;

  @Option(
      names = "--log",
      required = true,
      paramLabel = "DIR",
      description = "The gateway's audit log directory.")
  Path log;

  @Option(
      names = "--pki",
      required = true,
      paramLabel = "DIR",
      description = "Federation PKI directory (the CA).")
  Path pki;

  @Option(
      names = "--witness",
      paramLabel = "DIR",
      description = "A witness's state directory (repeatable).")
  List<Path> witnesses = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try {
      out.println(
          ReceiptProof.prove(
              ReceiptFiles.read(receipt),
              log,
              new AuditCertificates(PkiDirectory.open(pki)),
              witnesses));
      return 0;
    } catch (ReceiptProof.ProofFailure e) {
      out.println("FAIL: " + e.getMessage());
      return 1;
    } finally {
      out.flush();
    }
  }
}
