package codefed.gateway.cli;

import codefed.gateway.audit.ArchivedTrustKeys;
import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.VerificationReport;
import codefed.gateway.audit.VerifiedStateFile;
import codefed.gateway.audit.seal.EvidenceCheck;
import codefed.gateway.audit.seal.EvidenceOpener;
import codefed.gateway.audit.witness.WitnessedLogCheck;
import codefed.pki.PkiDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
  @Mixin LogOptions logs;

  @Option(
      names = "--pki",
      required = true,
      description = "Federation PKI directory (certs init output).")
  Path pki;

  @Option(
      names = "--auditor-key",
      description = "The auditors' private sealing key (sealing/auditors.key of certs init).")
  Path auditorKey;

  @Option(
      names = "--witness",
      paramLabel = "DIR",
      description =
          "A witness's state directory (repeatable): fail, naming rollback, if the log is shorter than or inconsistent with what it cosigned.")
  List<Path> witnesses = new ArrayList<>();

  @Option(
      names = "--gateway",
      paramLabel = "NAME",
      description =
          "The log's gateway, for --witness when the log holds no checkpoint (default: from the log).")
  String gateway;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Threads that check records (default: the available processors); several shards are verified side by side.")
  Integer threads;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "Incremental verification: start each shard from the checkpoint an earlier run verified (kept in FILE, "
              + "JSON: tree size, root and Merkle frontier per gateway), check and hash only the records added since, fail if "
              + "the log no longer extends it, and store the newest verified checkpoint (with --witness: the newest witnessed "
              + "one) for each shard that verified.")
  Path state;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PkiVerificationKeys keys = PkiVerificationKeys.load(PkiDirectory.open(pki));
    Optional<EvidenceOpener> opener =
        auditorKey == null ? Optional.empty() : Optional.of(EvidenceOpener.load(auditorKey));
    if (!witnesses.isEmpty()
        && logs.dirs.size() == 1
        && !java.nio.file.Files.isDirectory(logs.dirs.get(0))) {
      // A deleted log directory is the plainest rollback: only the witnesses remember it.
      WitnessedLogCheck.Outcome o =
          WitnessedLogCheck.check(logs.dirs.get(0), gateway, witnesses, keys.certificates());
      out.println(o.problem().map(p -> "FAIL: " + p).orElse("OK: no records; " + o.summary()));
      out.flush();
      return o.problem().isPresent() ? 1 : 0;
    }
    LogShards shards = logs.shards();
    Map<String, VerifiedStateFile.Shard> stored =
        state == null ? new TreeMap<>() : VerifiedStateFile.load(state);
    if (state != null) {
      Map<String, Path> byGateway = new TreeMap<>();
      for (Path dir : shards.dirs()) {
        Optional<String> g = LogVerifier.gatewayOf(dir);
        Path other = g.isPresent() ? byGateway.put(g.get(), dir) : null;
        if (other != null) {
          throw new IllegalArgumentException(
              "--state: "
                  + other
                  + " and "
                  + dir
                  + " both hold checkpoints of gateway "
                  + g.get()
                  + " (the state keeps one entry per gateway): give them separate state files");
        }
      }
    }
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1) {
      throw new IllegalArgumentException("--threads: " + n + " (expected: >= 1)");
    }
    List<ShardVerification.Result> results =
        ShardVerification.all(
            shards.dirs(), n, (dir, pool) -> verifyShard(dir, keys, opener, stored, pool));
    boolean ok = true;
    long records = 0;
    List<String> failed = new ArrayList<>();
    Map<String, VerifiedStateFile.Shard> next = new TreeMap<>(stored);
    for (ShardVerification.Result r : results) {
      Path dir = r.dir();
      String prefix = shards.prefix(dir);
      VerificationReport report = r.outcome().report();
      out.println(prefix + report.summary());
      boolean shardOk = report.ok();
      if (r.witness() != null) {
        WitnessedLogCheck.Outcome o = r.witness();
        out.println(prefix + o.problem().map(p -> "FAIL: " + p).orElse("witness: " + o.summary()));
        shardOk &= o.problem().isEmpty();
      }
      for (String w : report.warnings()) {
        out.println(prefix + "  warning: " + w);
      }
      if (state != null) {
        out.println(prefix + "  " + StateLines.record(r, shardOk, next));
      }
      ok &= shardOk;
      records += report.records();
      if (!shardOk) {
        failed.add(dir.toString());
      }
    }
    if (state != null && !next.equals(stored)) {
      VerifiedStateFile.save(state, next);
    }
    if (shards.several()) {
      out.println(
          ok
              ? "OK: " + shards.dirs().size() + " shards, " + records + " records"
              : "FAIL: "
                  + failed.size()
                  + " of "
                  + shards.dirs().size()
                  + " shards: "
                  + String.join(", ", failed));
    }
    out.flush();
    return ok ? 0 : 1;
  }

  private ShardVerification.Result verifyShard(
      Path dir,
      PkiVerificationKeys keys,
      Optional<EvidenceOpener> opener,
      Map<String, VerifiedStateFile.Shard> stored,
      java.util.concurrent.ExecutorService pool)
      throws Exception {
    ArchivedTrustKeys archived = ArchivedTrustKeys.forLog(dir, keys);
    Optional<LogVerifier.VerifiedPoint> from =
        state == null
            ? Optional.empty()
            : LogVerifier.gatewayOf(dir).map(stored::get).map(VerifiedStateFile.Shard::point);
    LogVerifier.Outcome outcome =
        LogVerifier.run(
            dir, archived, EvidenceCheck.of(archived, opener), new LogVerifier.Options(pool, from));
    WitnessedLogCheck.Outcome witness =
        witnesses.isEmpty()
            ? null
            : WitnessedLogCheck.check(dir, gateway, witnesses, keys.certificates());
    return new ShardVerification.Result(dir, from, outcome, witness);
  }
}
