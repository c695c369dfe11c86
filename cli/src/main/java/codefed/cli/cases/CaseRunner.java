package codefed.cli.cases;

import codefed.cli.drill.Drill;
import codefed.cli.drill.DrillGateway;
import codefed.code.Issuers;
import codefed.gateway.cases.RecognitionCase;
import codefed.node.ProvinceNode;
import codefed.node.issuance.IssueOptions;
import codefed.node.issuance.IssuedCode;
import codefed.node.registry.Visit;
import codefed.node.status.IssuerColor;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs acceptance cases end to end: real nodes and a real gateway per case over mTLS on loopback,
 * on the drill clock. A row's color comes from its reasons (seed 003), or, when no seed-003 reason
 * gives it, from the issuer's own criteria ({@link #byIssuerCriteria}). Each case gets a freshly
 * issued code and a fresh gateway, so nothing one case caches or trips (a breaker) leaks into the
 * next. The audit log of each jurisdiction accumulates under {@code DIR/audit}, in one subdirectory
 * per jurisdiction when the file names several.
 */
public final class CaseRunner {
  /** Visits are placed this long before the scan: inside any 14-day window. */
  static final Duration VISIT_BEFORE_SCAN = Duration.ofDays(1);

  /** The authority note of colors set by the issuer's own criteria. */
  static final String ISSUER_NOTE = "acceptance case: issuer's own criteria";

  private CaseRunner() {}

  public static List<CaseResult> run(
      List<RecognitionCase> cases, Path dir, Consumer<CaseResult> onResult) throws Exception {
    Set<String> nodeIssuers = new TreeSet<>();
    Set<String> jurisdictions = new TreeSet<>();
    Instant earliest = Instant.MAX;
    for (RecognitionCase c : cases) {
      if (Issuers.NATIONAL.equals(c.issuer()) || Issuers.isProvince(c.issuer())) {
        nodeIssuers.add(c.issuer());
      }
      jurisdictions.add(c.jurisdiction());
      Instant issued = c.scannedAt().toInstant().minus(c.codeAge());
      if (issued.isBefore(earliest)) {
        earliest = issued;
      }
    }
    if (cases.isEmpty()) {
      return List.of();
    }
    List<CaseResult> results = new ArrayList<>();
    try (Drill drill =
        Drill.start(
            dir,
            nodeIssuers,
            jurisdictions,
            cases.get(0).scannedAt().toInstant(),
            earliest.minus(Duration.ofDays(30)),
            0)) {
      boolean several = jurisdictions.size() > 1;
      for (RecognitionCase c : cases) {
        Path audit =
            several ? dir.resolve("audit").resolve(c.jurisdiction()) : dir.resolve("audit");
        CaseResult r = runOne(drill, c, audit);
        results.add(r);
        onResult.accept(r);
      }
    }
    return results;
  }

  static CaseResult runOne(Drill drill, RecognitionCase c, Path auditDir) throws Exception {
    Instant scan = c.scannedAt().toInstant();
    drill.clock().set(scan.minus(c.codeAge()));
    String qr;
    String note = "";
    ProvinceNode node = drill.hasNode(c.issuer()) ? drill.node(c.issuer()) : null;
    if (node == null) {
      qr = StrangerCodes.issue(c.issuer(), scan.minus(c.codeAge()));
      note = "issuer unknown to the federation";
    } else {
      if (c.reasons().contains(Reason.REASON_ISSUER_CRITERIA) && c.reasons().size() > 1) {
        return new CaseResult(
            c,
            null,
            Set.of(),
            DecisionCause.DECISION_CAUSE_UNSPECIFIED,
            "setup: reasons " + c.reasons() + " (expected: ISSUER_CRITERIA on its own)");
      }
      IssuedCode issued = node.issue(options(c, scan));
      if (issued.status().color() != c.color()) {
        return new CaseResult(
            c,
            null,
            Set.of(),
            DecisionCause.DECISION_CAUSE_UNSPECIFIED,
            "setup: reasons "
                + c.reasons()
                + " give "
                + issued.status().color()
                + ", not "
                + c.color());
      }
      qr = issued.qrText();
    }
    qr = Tampering.apply(c.tamper(), qr, c.id().hashCode());
    drill.clock().set(scan);
    boolean down = node != null && !c.nodeUp();
    if (down) {
      drill.faults().down(c.issuer());
    }
    try (DrillGateway gateway = drill.gateway(c.jurisdiction(), auditDir)) {
      Decision d = gateway.scan(qr, c.checkpoint(), c.temperature());
      Set<Measure> measures =
          d.getMeasuresList().isEmpty() ? Set.of() : EnumSet.copyOf(d.getMeasuresList());
      return new CaseResult(
          c, d.getOutcome(), measures, d.getCause(), note.isEmpty() ? d.getExplanation() : note);
    } finally {
      if (down) {
        drill.faults().up(c.issuer());
      }
    }
  }

  private static IssueOptions options(RecognitionCase c, Instant scan) {
    IssueOptions.Builder o = IssueOptions.builder().issuedAt(scan.minus(c.codeAge()));
    if (c.snapshotAge().isPresent()) {
      o.snapshot(c.color(), scan.minus(c.snapshotAge().get()));
    } else {
      o.noSnapshot();
    }
    List<Visit> visits = new ArrayList<>();
    for (RiskLevel level : c.itinerary()) {
      visits.add(ProvinceNode.visitAt(level, scan.minus(VISIT_BEFORE_SCAN)));
    }
    if (byIssuerCriteria(c)) {
      return o.issuerStatus(new IssuerColor(c.color(), ISSUER_NOTE), visits).build();
    }
    return o.status(Set.copyOf(c.reasons()), visits).build();
  }

  /**
   * A row whose color no seed-003 reason gives — a yellow or red with no reasons, or the reason
   * ISSUER_CRITERIA on its own — is the province's own criteria: the node gets that color with an
   * authority note instead of reasons.
   */
  static boolean byIssuerCriteria(RecognitionCase c) {
    return c.reasons().equals(List.of(Reason.REASON_ISSUER_CRITERIA))
        || (c.reasons().isEmpty() && c.color() != Color.COLOR_GREEN);
  }
}
