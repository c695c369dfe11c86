package codefed.bench.audit;

import codefed.gateway.audit.ArchivedTrustKeys;
import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.VerificationReport;
import codefed.gateway.audit.replay.DecisionReplay;
import codefed.gateway.audit.seal.EvidenceCheck;
import codefed.gateway.audit.seal.EvidenceOpener;
import codefed.gateway.audit.seal.RecordInputs;
import codefed.gateway.audit.VerificationKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The auditor's side of a busy gateway, measured: a gateway-like log written through the audit
 * log's append path, then a full verify with the auditors' key, an incremental verify after 10 %
 * more records, and a replay. Runs in this JVM.
 */
public final class AuditVerifyBench {
  private final Path work;
  private final int records;
  private final double hot;
  private final int threads;

  public AuditVerifyBench(Path work, int records, double hot, int threads) {
    this.work = work;
    this.records = records;
    this.hot = hot;
    this.threads = threads;
  }

  /** One measured step. */
  public record Step(String name, long records, double seconds, String verdict) {
    double perSecond() {
      return records / seconds;
    }
  }

  /** What a run measured. */
  public record Result(List<Step> steps, boolean ok, int threads) {
    public List<String> lines(double gatewayPeak) {
      List<String> out = new ArrayList<>();
      for (Step s : steps) {
        out.add(String.format(Locale.ROOT, "%-22s %9d records %8.2f s %9.0f records/s %7.1f µs/record %6.1f× peak  %s",
            s.name(), s.records(), s.seconds(), s.perSecond(), s.seconds() * 1e6 / s.records(),
            s.perSecond() / gatewayPeak, s.verdict()));
      }
      out.add(String.format(Locale.ROOT, "gateway peak %.0f records/s; %d verification threads on %d processors",
          gatewayPeak, threads, Runtime.getRuntime().availableProcessors()));
      return out;
    }
  }

  public Result run() throws Exception {
    GatewayLikeLog gen = GatewayLikeLog.create(work.resolve("pki"), hot, 2000);
    Path log = work.resolve("audit").resolve(GatewayLikeLog.GATEWAY);
    List<Step> steps = new ArrayList<>();
    double appendSeconds = gen.append(log, 0, records);
    steps.add(new Step("audit append", records, appendSeconds, "(sealing and signing not counted)"));
    PkiVerificationKeys keys = PkiVerificationKeys.load(gen.pki());
    Optional<EvidenceOpener> opener = Optional.of(EvidenceOpener.load(gen.auditorKey()));
    long start = System.nanoTime();
    ArchivedTrustKeys archived = ArchivedTrustKeys.forLog(log, keys);
    VerificationReport full = LogVerifier.verify(log, archived, EvidenceCheck.of(archived, opener));
    steps.add(new Step("verify (full)", full.records(), seconds(start), full.summary()));
    boolean ok = full.ok();
    start = System.nanoTime();
    DecisionReplay.Result replay = DecisionReplay.replay(log,
        RecordInputs.opening(opener, Optional.<VerificationKeys>of(keys)));
    steps.add(new Step("replay (auditor key)", replay.replayed() + replay.manual(), seconds(start),
        replay.mismatches().size() + " mismatches"));
    ok &= replay.ok();
    start = System.nanoTime();
    DecisionReplay.Result clear = DecisionReplay.replay(log);
    steps.add(new Step("replay (clear status)", clear.replayed() + clear.manual(), seconds(start),
        clear.mismatches().size() + " mismatches"));
    ok &= clear.ok();
    return new Result(steps, ok, threads);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
