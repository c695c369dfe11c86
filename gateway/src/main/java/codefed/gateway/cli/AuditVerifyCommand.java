package codefed.gateway.cli;

import codefed.gateway.audit.ArchivedTrustKeys;
import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.VerificationReport;
import codefed.gateway.audit.seal.EvidenceCheck;
import codefed.gateway.audit.seal.EvidenceOpener;
import codefed.gateway.audit.witness.WitnessedLogCheck;
import codefed.pki.PkiDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
      "Check framing and CRCs, record sequences, every node assertion's signature (with the trust list "
          + "version archived beside the log that was in force when the record was written; a key revoked "
          + "since then with an earlier compromise instant fails), "
          + "the Merkle root against every checkpoint and every checkpoint's signature (gateway certificate).",
      "Prints 'OK: N records, M checkpoints' or the first bad record; exit 1 on any failure.",
      "Node answers are sealed for the auditors: with --auditor-key every sealed evidence must open for its own "
          + "record and its node answer's signature and clear status are checked; without it the output warns "
          + "that sealed evidence was not checked."
    })
final class AuditVerifyCommand implements Callable<Integer> {
  @Option(names = "--log", required = true, description = "Audit log directory, or a directory of "
      + "per-gateway logs; repeat for several shards.")
  List<Path> log;

  @Option(names = "--pki", required = true, description = "Federation PKI directory (certs init output).")
  Path pki;

  @Option(names = "--auditor-key", description = "The auditors' private sealing key (sealing/auditors.key of certs init).")
  Path auditorKey;

  @Option(names = "--witness", paramLabel = "DIR",
      description = "A witness's state directory (repeatable): fail, naming rollback, if the log is shorter than or inconsistent with what it cosigned.")
  List<Path> witnesses = new ArrayList<>();

  @Option(names = "--gateway", paramLabel = "NAME",
      description = "The log's gateway, for --witness when the log holds no checkpoint (default: from the log).")
  String gateway;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PkiVerificationKeys keys = PkiVerificationKeys.load(PkiDirectory.open(pki));
    Optional<EvidenceOpener> opener = auditorKey == null ? Optional.empty() : Optional.of(EvidenceOpener.load(auditorKey));
    if (!witnesses.isEmpty() && log.size() == 1 && !java.nio.file.Files.isDirectory(log.get(0))) {
      // A deleted log directory is the plainest rollback: only the witnesses remember it.
      WitnessedLogCheck.Outcome o = WitnessedLogCheck.check(log.get(0), gateway, witnesses, keys.certificates());
      out.println(o.problem().map(p -> "FAIL: " + p).orElse("OK: no records; " + o.summary()));
      out.flush();
      return o.problem().isPresent() ? 1 : 0;
    }
    LogShards shards = LogShards.of(log);
    boolean ok = true;
    long records = 0;
    List<String> failed = new ArrayList<>();
    for (Path dir : shards.dirs()) {
      ArchivedTrustKeys archived = ArchivedTrustKeys.forLog(dir, keys);
      VerificationReport report = LogVerifier.verify(dir, archived, EvidenceCheck.of(archived, opener));
      String prefix = shards.prefix(dir);
      out.println(prefix + report.summary());
      boolean shardOk = report.ok();
      if (!witnesses.isEmpty()) {
        WitnessedLogCheck.Outcome o = WitnessedLogCheck.check(dir, gateway, witnesses, keys.certificates());
        out.println(prefix + o.problem().map(p -> "FAIL: " + p).orElse("witness: " + o.summary()));
        shardOk &= o.problem().isEmpty();
      }
      for (String w : report.warnings()) {
        out.println(prefix + "  warning: " + w);
      }
      ok &= shardOk;
      records += report.records();
      if (!shardOk) {
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
