package codefed.gateway.cli;

import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.VerificationReport;
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

/** {@code codefed audit verify}: proves the log was not altered, trusting only the PKI. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check framing and CRCs, record sequences, every node assertion's signature (trust list), "
          + "the Merkle root against every checkpoint and every checkpoint's signature (gateway certificate).",
      "Prints 'OK: N records, M checkpoints' or the first bad record; exit 1 on any failure."
    })
final class AuditVerifyCommand implements Callable<Integer> {
  @Option(names = "--log", required = true, description = "Audit log directory, or a directory of "
      + "per-gateway logs; repeat for several shards.")
  List<Path> log;

  @Option(names = "--pki", required = true, description = "Federation PKI directory (certs init output).")
  Path pki;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PkiVerificationKeys keys = PkiVerificationKeys.load(PkiDirectory.open(pki));
    LogShards shards = LogShards.of(log);
    boolean ok = true;
    long records = 0;
    List<String> failed = new ArrayList<>();
    for (Path dir : shards.dirs()) {
      VerificationReport report = LogVerifier.verify(dir, keys);
      String prefix = shards.prefix(dir);
      out.println(prefix + report.summary());
      for (String w : report.warnings()) {
        out.println(prefix + "  warning: " + w);
      }
      ok &= report.ok();
      records += report.records();
      if (!report.ok()) {
        failed.add(dir.toString());
      }
    }
    if (shards.several()) {
      out.println(ok ? "OK: " + shards.dirs().size() + " shards, " + records + " records"
          : "FAIL: " + failed.size() + " of " + shards.dirs().size() + " shards: " + String.join(", ", failed));
    }
    out.flush();
    return ok ? 0 : 1;
  }
}
