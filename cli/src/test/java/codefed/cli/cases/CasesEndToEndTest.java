package codefed.cli.cases;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.testing.Repository;
import codefed.gateway.cases.CaseFile;
import codefed.gateway.cases.RecognitionCase;
import healthcode.federation.v1.DecisionCause;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance files end to end: real nodes and gateways over mTLS on loopback, on the drill clock.
 * The shipped file must pass completely; so must a second file with other issuers, jurisdictions,
 * instants and column order; and a wrong expectation must be reported.
 */
class CasesEndToEndTest {
  @TempDir Path dir;

  private static Path testdata(String name) {
    return Repository.root().resolve("testdata").resolve(name);
  }

  private static Path resource(String name) throws Exception {
    return Path.of(CasesEndToEndTest.class.getResource("/cases/" + name).toURI());
  }

  @Test
  void shippedAcceptanceCases_allPass() throws Exception {
    List<RecognitionCase> cases = CaseFile.read(testdata("recognition-cases.csv"));
    List<CaseResult> results = CaseRunner.run(cases, dir, r -> {});
    assertThat(results).hasSize(32);
    assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
    assertThat(results)
        .allSatisfy(r -> assertThat(r.causeExplainsOutcome()).as(r.toString()).isTrue());
    java.util.Map<String, DecisionCause> causes =
        results.stream()
            .collect(java.util.stream.Collectors.toMap(r -> r.c().id(), CaseResult::cause));
    assertThat(causes)
        .containsEntry("C01", DecisionCause.DECISION_CAUSE_GREEN)
        .containsEntry("C03", DecisionCause.DECISION_CAUSE_ISSUER_NOT_RECOGNIZED)
        .containsEntry("C20", DecisionCause.DECISION_CAUSE_CODE_DAMAGED)
        .containsEntry("C22", DecisionCause.DECISION_CAUSE_ISSUER_UNKNOWN)
        .containsEntry("C23", DecisionCause.DECISION_CAUSE_ISSUER_UNREACHABLE)
        .containsEntry("C25", DecisionCause.DECISION_CAUSE_SNAPSHOT_TOO_OLD)
        .containsEntry("C29", DecisionCause.DECISION_CAUSE_YELLOW);
    try (var files = Files.list(dir.resolve("audit"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("150000", "530000");
    }
  }

  @Test
  void otherIssuersInstantsAndCombinations_allPass() throws Exception {
    List<CaseResult> results =
        CaseRunner.run(CaseFile.read(resource("more-cases.csv")), dir, r -> {});
    assertThat(results).hasSize(18);
    assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
  }

  @Test
  void colorsByTheIssuersOwnCriteria_rowsWithAColorAndNoReasons_allPass() throws Exception {
    List<RecognitionCase> cases = CaseFile.read(testdata("issuer-criteria-cases.csv"));
    assertThat(cases).filteredOn(c -> c.reasons().isEmpty()).hasSize(9);
    assertThat(cases).allMatch(CaseRunner::byIssuerCriteria);

    List<CaseResult> results = CaseRunner.run(cases, dir, r -> {});

    assertThat(results).hasSize(11);
    assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.toString()).isTrue());
    assertThat(results.get(0).note()).isEqualTo("RED (ISSUER_CRITERIA)");
  }

  @Test
  void issuerCriteriaMixedWithSeed003Reasons_isASetupFailure_notAScan() throws Exception {
    List<String> lines = Files.readAllLines(testdata("issuer-criteria-cases.csv"));
    List<String> file =
        List.of(
            lines.get(0),
            lines
                .get(1)
                .replace("I01,", "M01,")
                .replace(",RED,,", ",RED,ISSUER_CRITERIA;CLOSE_CONTACT,"));

    List<CaseResult> results = CaseRunner.run(CaseFile.parse("m.csv", file), dir, r -> {});

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.passed()).isFalse();
              assertThat(r.outcome()).isNull();
              assertThat(r.note()).startsWith("setup: reasons");
            });
    assertThat(dir.resolve("audit")).doesNotExist();
  }

  @Test
  void wrongExpectation_isReportedAsFailed() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(testdata("recognition-cases.csv")));
    List<String> file =
        List.of(
            lines.get(0),
            lines.get(1), // C01: PASS, as expected
            lines.get(1).replace("C01,", "W01,").replace(",PASS,", ",CONTROL,FEVER_CLINIC"));
    List<CaseResult> results = CaseRunner.run(CaseFile.parse("w.csv", file), dir, r -> {});
    assertThat(results).extracting(CaseResult::passed).containsExactly(true, false);
    assertThat(results.get(1).outcome()).isEqualTo(healthcode.federation.v1.Outcome.OUTCOME_PASS);
  }
}
