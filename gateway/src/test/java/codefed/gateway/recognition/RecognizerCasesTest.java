package codefed.gateway.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.code.HealthCodeText;
import codefed.gateway.audit.seal.RecordInputs;
import codefed.gateway.audit.seal.TestSealKeys;
import codefed.gateway.cases.RecognitionCase;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.status.StatusLookup;
import codefed.gateway.testing.Assertions;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.gateway.testing.RealCodes;
import codefed.gateway.testing.SharedPki;
import codefed.gateway.testing.TestData;
import codefed.pki.PkiDirectory;
import codefed.time.MutableClock;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.ColorSnapshot;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.SignedCode;
import healthcode.federation.v1.StatusAssertion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every acceptance case through the {@link Recognizer} with real signed (and tampered) codes
 * verified against a real trust list; the node is a fake that answers with the row's color, reasons
 * and itinerary, or is unreachable. Also checks that no node is asked when steps 1–3 decide, and
 * that replaying each record gives the recorded decision.
 */
class RecognizerCasesTest {
  static PkiDirectory pki;
  static RealCodes codes;
  static TrustListCodeVerifier verifier;
  static final PolicyBook SHIPPED = PolicyBook.shipped();

  @BeforeAll
  static void pki() throws Exception {
    pki = SharedPki.get();
    codes = new RealCodes(pki);
    var trust = pki.trustList();
    verifier = new TrustListCodeVerifier(() -> trust, 1000);
  }

  static List<RecognitionCase> cases() {
    return TestData.cases("recognition-cases.csv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void recognize_caseRow_givesExpectedDecision(RecognitionCase c) throws Exception {
    MutableClock clock = new MutableClock(c.scannedAt().toInstant());
    FakeStatusSource status = new FakeStatusSource();
    FakeDecisionLog log = new FakeDecisionLog();
    Recognizer recognizer =
        Recognizer.builder()
            .gateway(c.jurisdiction())
            .jurisdiction(c.jurisdiction())
            .policies(() -> SHIPPED)
            .verifier(verifier)
            .status(status)
            .log(log)
            .hasher(new CodeIdHasher(new byte[32]))
            .sealer(TestSealKeys.SEALER)
            .clock(clock)
            .build();
    String qr = qr(c);
    CodePayload payload = payload(c);
    StatusAssertion asserted =
        CaseInputs.status(c).assertion().toBuilder().setCodeId(payload.getCodeId()).build();
    status.answer(
        c.nodeUp() ? Assertions.found(asserted, false) : new StatusLookup.Unreachable("down"));

    RecognitionAnswer a =
        recognizer.recognize(
            ScanRequest.of("scan.", "checkpoint-1", c.checkpoint(), qr, c.temperature()));

    assertThat(a.result().outcome()).isEqualTo(c.expectedOutcome());
    assertThat(a.result().measures()).containsExactlyInAnyOrderElementsOf(c.expectedMeasures());
    assertThat(a.result().cause()).as("cause").isEqualTo(CaseInputs.EXPECTED_CAUSES.get(c.id()));
    assertThat(a.statusAssertedAt())
        .as("when the issuer answered, only if its answer was used")
        .isEqualTo(
            c.nodeUp() && !decidedBeforeStatusOf(c)
                ? Optional.of(Timestamps.toInstant(asserted.getAssertedAt()))
                : Optional.empty());
    boolean decidedBeforeStatus = decidedBeforeStatusOf(c);
    if (decidedBeforeStatus) {
      assertThat(status.calls()).as("no node asked").isEmpty();
    }
    var record = log.last();
    var policy = SHIPPED.byHash(record.getPolicyHash().toByteArray()).orElse(null);
    DecisionResult opened =
        DecisionRules.decide(
            policy,
            RecordInputs.opening(Optional.of(TestSealKeys.OPENER), Optional.empty()).input(record));
    assertThat(opened.outcome()).isEqualTo(record.getOutcome());
    assertThat(opened.measures()).isEqualTo(record.getMeasuresList());
    DecisionResult clear = DecisionRules.decide(policy, RecordInputs.clear().input(record));
    assertThat(clear.outcome())
        .as("replayed without the auditors' key")
        .isEqualTo(record.getOutcome());
    assertThat(clear.measures())
        .as("replayed without the auditors' key")
        .isEqualTo(record.getMeasuresList());
  }

  private static boolean decidedBeforeStatusOf(RecognitionCase c) {
    return c.tamper() != RecognitionCase.Tamper.NONE
        || CaseInputs.stranger(c.issuer())
        || c.expectedOutcome() == Outcome.OUTCOME_EXPIRED
        || (c.expectedOutcome() == Outcome.OUTCOME_MANUAL_VERIFICATION && c.nodeUp());
  }

  private final java.util.Map<String, CodePayload> payloads = new java.util.HashMap<>();

  private CodePayload payload(RecognitionCase c) {
    return payloads.computeIfAbsent(
        c.id(),
        id -> {
          Instant issued = c.scannedAt().toInstant().minus(c.codeAge());
          CodePayload.Builder p = codes.payload(c.issuer(), issued);
          if (c.snapshotAge().isPresent()) {
            p.setColorSnapshot(
                ColorSnapshot.newBuilder()
                    .setColor(c.color())
                    .setAsOf(
                        Timestamps.of(c.scannedAt().toInstant().minus(c.snapshotAge().get()))));
          }
          return p.build();
        });
  }

  private String qr(RecognitionCase c) {
    CodePayload p = payload(c);
    SignedCode signed =
        CaseInputs.stranger(c.issuer()) ? RealCodes.signByStranger(p) : codes.sign(p);
    return switch (c.tamper()) {
      case SIGNATURE -> RealCodes.tamperSignature(signed);
      case PAYLOAD -> RealCodes.tamperPayload(signed);
      case TRUNCATED -> RealCodes.truncate(HealthCodeText.encode(signed));
      case GARBAGE -> RealCodes.garbage(c.id().hashCode());
      case NONE -> HealthCodeText.encode(signed);
    };
  }
}
