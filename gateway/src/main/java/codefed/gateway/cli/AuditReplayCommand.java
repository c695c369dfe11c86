package codefed.gateway.cli;

import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.VerificationKeys;
import codefed.gateway.audit.replay.DecisionReplay;
import codefed.gateway.audit.replay.WhatIf;
import codefed.gateway.audit.seal.EvidenceOpener;
import codefed.gateway.audit.seal.RecordInputs;
import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyException;
import codefed.gateway.policy.PolicyParser;
import codefed.pki.PkiDirectory;
import codefed.threads.DaemonThreads;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code codefed audit replay}: re-runs recorded decisions, or asks what another policy would
 * change.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-evaluate every recorded decision under the policy version recorded with it (from the log's "
          + "policies/ archive) and print every mismatch; exit 1 on any. With --policy FILE: what-if — which "
          + "decisions of that policy's jurisdiction would change had FILE been in force, by outcome "
          + "transition and by issuer, with a few examples each.",
      "Node answers that name a person or a code are sealed for the auditors: with --auditor-key and --pki "
          + "each is opened, its issuer signature re-checked and the decision replayed exactly; without the key "
          + "decisions are replayed from each record's clear status (color, reasons, itinerary risk) and the "
          + "output says that node signatures were not re-checked."
    })
final class AuditReplayCommand implements Callable<Integer> {
  @Mixin LogOptions logs;

  @Option(names = "--policy", description = "A policy version document (textproto) for a what-if.")
  Path policy;

  @Option(
      names = "--auditor-key",
      description = "The auditors' private sealing key (sealing/auditors.key of certs init).")
  Path auditorKey;

  @Option(
      names = "--pki",
      description = "Federation PKI directory: its trust list re-checks the opened node answers.")
  Path pki;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Threads that replay records (default: the available processors); mismatches are printed in log order.")
  Integer threads;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LogShards shards = logs.shards();
    boolean ok = true;
    long[] total = new long[2];
    Policy whatIf = policy == null ? null : parse(policy);
    if (auditorKey != null && pki == null) {
      throw new IllegalArgumentException(
          "--auditor-key needs --pki (the trust list that re-checks the opened node answers)");
    }
    Optional<EvidenceOpener> opener =
        auditorKey == null ? Optional.empty() : Optional.of(EvidenceOpener.load(auditorKey));
    Optional<VerificationKeys> keys =
        pki == null
            ? Optional.empty()
            : Optional.of(PkiVerificationKeys.load(PkiDirectory.open(pki)));
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1) {
      throw new IllegalArgumentException("--threads: " + n + " (expected: >= 1)");
    }
    ExecutorService pool = Executors.newFixedThreadPool(n, DaemonThreads.numbered("audit-replay"));
    try {
      for (Path dir : shards.dirs()) {
        String prefix = shards.prefix(dir);
        RecordInputs inputs = RecordInputs.opening(opener, keys);
        if (whatIf == null) {
          ok &= replay(out, prefix, dir, inputs, total, pool);
        } else {
          whatIf(out, prefix, dir, whatIf, inputs);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (whatIf == null && shards.several()) {
      out.println(
          (ok ? "OK" : "FAIL")
              + ": "
              + shards.dirs().size()
              + " shards, replayed "
              + total[0]
              + " decisions, "
              + total[1]
              + " mismatches");
    }
    out.flush();
    return ok ? 0 : 1;
  }

  private static boolean replay(
      PrintWriter out,
      String prefix,
      Path dir,
      RecordInputs inputs,
      long[] total,
      ExecutorService pool)
      throws Exception {
    DecisionReplay.Result r = DecisionReplay.replay(dir, inputs, pool);
    total[0] += r.replayed();
    total[1] += r.mismatches().size();
    for (DecisionReplay.Mismatch m : r.mismatches()) {
      out.println(prefix + "MISMATCH " + m);
    }
    out.println(
        prefix
            + (r.ok() ? "OK" : "FAIL")
            + ": replayed "
            + r.replayed()
            + " decisions under "
            + r.policies()
            + " policy versions, "
            + r.mismatches().size()
            + " mismatches ("
            + r.manual()
            + " manual verifications not replayed)");
    for (String line : r.evidence()) {
      out.println(prefix + "  evidence: " + line);
    }
    return r.ok();
  }

  private static void whatIf(
      PrintWriter out, String prefix, Path dir, Policy p, RecordInputs inputs) throws Exception {
    WhatIf.Report r = WhatIf.run(dir, p, inputs);
    out.println(
        prefix
            + "what-if "
            + p.id()
            + ": "
            + r.changed()
            + " of "
            + r.considered()
            + " decisions would change ("
            + r.otherJurisdiction()
            + " of other jurisdictions and "
            + r.manual()
            + " manual verifications not considered"
            + (r.unreplayable() > 0 ? ", " + r.unreplayable() + " unreplayable" : "")
            + ")");
    out.println(prefix + "by transition:");
    print(out, prefix, r.byTransition(), false);
    out.println(prefix + "by issuer:");
    print(out, prefix, r.byIssuer(), true);
  }

  private static void print(
      PrintWriter out, String prefix, Map<String, WhatIf.Group> groups, boolean ofTotal) {
    if (groups.values().stream().allMatch(g -> g.changed() == 0)) {
      out.println(prefix + "  (none)");
      return;
    }
    for (Map.Entry<String, WhatIf.Group> e : groups.entrySet()) {
      WhatIf.Group g = e.getValue();
      if (g.changed() == 0) {
        continue;
      }
      out.println(
          prefix
              + "  "
              + e.getKey()
              + ": "
              + g.changed()
              + (ofTotal ? " of " + g.considered() : ""));
      for (String ex : g.examples()) {
        out.println(prefix + "    e.g. " + ex);
      }
    }
  }

  private static Policy parse(Path file) throws Exception {
    try {
      return PolicyParser.parse(
          file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (PolicyException e) {
      throw new IllegalArgumentException(
          "--policy " + file + ": " + String.join("; ", e.problems()), e);
    }
  }
}
