package codefed.gateway.cli;

import codefed.gateway.audit.replay.DecisionReplay;
import codefed.gateway.audit.replay.WhatIf;
import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyException;
import codefed.gateway.policy.PolicyParser;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code codefed audit replay}: re-runs recorded decisions, or asks what another policy would change. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-evaluate every recorded decision under the policy version recorded with it (from the log's "
          + "policies/ archive) and print every mismatch; exit 1 on any. With --policy FILE: what-if — which "
          + "decisions of that policy's jurisdiction would change had FILE been in force, by outcome "
          + "transition and by issuer, with a few examples each."
    })
final class AuditReplayCommand implements Callable<Integer> {
  @Option(names = "--log", required = true, description = "Audit log directory, or a directory of "
      + "per-gateway logs; repeat for several shards.")
  List<Path> log;

  @Option(names = "--policy", description = "A policy version document (textproto) for a what-if.")
  Path policy;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LogShards shards = LogShards.of(log);
    boolean ok = true;
    long[] total = new long[2];
    Policy whatIf = policy == null ? null : parse(policy);
    for (Path dir : shards.dirs()) {
      String prefix = shards.prefix(dir);
      if (whatIf == null) {
        ok &= replay(out, prefix, dir, total);
      } else {
        whatIf(out, prefix, dir, whatIf);
      }
    }
    if (whatIf == null && shards.several()) {
      out.println((ok ? "OK" : "FAIL") + ": " + shards.dirs().size() + " shards, replayed " + total[0]
          + " decisions, " + total[1] + " mismatches");
    }
    out.flush();
    return ok ? 0 : 1;
  }

  private static boolean replay(PrintWriter out, String prefix, Path dir, long[] total) throws Exception {
    DecisionReplay.Result r = DecisionReplay.replay(dir);
    total[0] += r.replayed();
    total[1] += r.mismatches().size();
    for (DecisionReplay.Mismatch m : r.mismatches()) {
      out.println(prefix + "MISMATCH " + m);
    }
    out.println(prefix + (r.ok() ? "OK" : "FAIL") + ": replayed " + r.replayed() + " decisions under "
        + r.policies() + " policy versions, " + r.mismatches().size() + " mismatches ("
        + r.manual() + " manual verifications not replayed)");
    return r.ok();
  }

  private static void whatIf(PrintWriter out, String prefix, Path dir, Policy p) throws Exception {
    WhatIf.Report r = WhatIf.run(dir, p);
    out.println(prefix + "what-if " + p.id() + ": " + r.changed() + " of " + r.considered()
        + " decisions would change (" + r.otherJurisdiction() + " of other jurisdictions and " + r.manual()
        + " manual verifications not considered" + (r.unreplayable() > 0 ? ", " + r.unreplayable() + " unreplayable" : "") + ")");
    out.println(prefix + "by transition:");
    print(out, prefix, r.byTransition(), false);
    out.println(prefix + "by issuer:");
    print(out, prefix, r.byIssuer(), true);
  }

  private static void print(PrintWriter out, String prefix, Map<String, WhatIf.Group> groups, boolean ofTotal) {
    if (groups.values().stream().allMatch(g -> g.changed() == 0)) {
      out.println(prefix + "  (none)");
      return;
    }
    for (Map.Entry<String, WhatIf.Group> e : groups.entrySet()) {
      WhatIf.Group g = e.getValue();
      if (g.changed() == 0) {
        continue;
      }
      out.println(prefix + "  " + e.getKey() + ": " + g.changed() + (ofTotal ? " of " + g.considered() : ""));
      for (String ex : g.examples()) {
        out.println(prefix + "    e.g. " + ex);
      }
    }
  }

  private static Policy parse(Path file) throws Exception {
    try {
      return PolicyParser.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (PolicyException e) {
      throw new IllegalArgumentException("--policy " + file + ": " + String.join("; ", e.problems()), e);
    }
  }
}
