package codefed.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.node.declaration.Declarations;
import codefed.node.registry.CodeId;
import codefed.node.status.HolderStatus;
import codefed.node.testing.InProcessNode;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.TestPki;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.IssueCodeRequest;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.StatusAssertion;
import healthcode.federation.v1.UpdateStatusRequest;
import healthcode.federation.v1.UpdateStatusResponse;
import healthcode.federation.v1.VerifyCodeRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colors by a province's own criteria: {@code issuer_color} + {@code issuer_note} give a color that
 * no seed-003 reason gives, reported with {@code REASON_ISSUER_CRITERIA} and the note signed into
 * the answer; bad notes are refused naming the field, and then nothing changes.
 */
class IssuerCriteriaTest {
  private static final String NOTE = "Beijing close-contact rules, 2020-03";

  @TempDir static Path dir;
  static PkiDirectory pki;

  private InProcessNode fixture;
  private ByteString code;
  private HolderStatus before;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir, InProcessNode.PROVINCE);
  }

  @BeforeEach
  void start() throws Exception {
    fixture = new InProcessNode(pki, b -> b);
    code =
        fixture
            .blocking(Role.PLATFORM)
            .issueCode(
                IssueCodeRequest.newBuilder().setDeclaration(Declarations.resident()).build())
            .getCodeId();
    before = status();
    assertThat(before.color()).isEqualTo(Color.COLOR_GREEN);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void issuerColorYellow_withoutAnySeed003Reason_reportedWithIssuerCriteria_andPublished() {
    UpdateStatusResponse response = update(issuer(Color.COLOR_YELLOW, NOTE));

    assertThat(response.getColor()).isEqualTo(Color.COLOR_YELLOW);
    assertThat(response.getReasonsList()).containsExactly(Reason.REASON_ISSUER_CRITERIA);
    assertThat(response.getSequence()).isEqualTo(1);
    assertThat(fixture.node.core().book().feed().head()).isEqualTo(1);
  }

  @Test
  void issuerColorRed_noteIsSignedIntoTheAssertion_andVerifiesWithTheTrustList() throws Exception {
    update(issuer(Color.COLOR_RED, NOTE));

    var signed =
        fixture
            .blocking(Role.GATEWAY)
            .verifyCode(
                VerifyCodeRequest.newBuilder()
                    .setCodeId(code)
                    .setNonce(ByteString.copyFromUtf8("nonce-123"))
                    .build())
            .getAssertion();
    StatusAssertion a =
        fixture.trustList.verifyAssertion(signed, InProcessNode.PROVINCE, fixture.clock.instant());

    assertThat(a.getColor()).isEqualTo(Color.COLOR_RED);
    assertThat(a.getReasonsList()).containsExactly(Reason.REASON_ISSUER_CRITERIA);
    assertThat(a.getIssuerNote()).isEqualTo(NOTE);
  }

  @Test
  void updateWithoutIssuerColor_returnsTheCodeToSeed003Criteria() {
    update(issuer(Color.COLOR_RED, NOTE));

    UpdateStatusResponse response =
        update(
            UpdateStatusRequest.newBuilder()
                .setCodeId(code)
                .addFindings(Reason.REASON_CROSS_CITY_TRAVEL)
                .build());

    assertThat(response.getColor()).isEqualTo(Color.COLOR_YELLOW);
    assertThat(response.getReasonsList()).containsExactly(Reason.REASON_CROSS_CITY_TRAVEL);
    assertThat(status().issuerNote()).isEmpty();
  }

  @Test
  void noteTooLong_invalidArgument_andNothingChanged() {
    assertRefused(
        issuer(Color.COLOR_RED, "x".repeat(65)),
        "issuer_note: 65 characters (expected: at most 64)");
  }

  @Test
  void noteWithAControlCharacter_invalidArgument_andNothingChanged() {
    assertRefused(
        issuer(Color.COLOR_RED, "rule\u0007 4"),
        "issuer_note: non-printable character U+0007 at 4 (expected: printable text)");
  }

  @Test
  void noteWithAnIdNumber_invalidArgument_theNumberIsNotEchoed_andNothingChanged() {
    assertRefused(
        issuer(Color.COLOR_RED, "holder 150802199003071235"),
        "issuer_note: a run of more than 6 digits (expected: no ID, passport or phone numbers)");
  }

  @Test
  void missingNote_orNoteWithoutColor_invalidArgument_andNothingChanged() {
    assertRefused(
        issuer(Color.COLOR_RED, "  "),
        "issuer_note: missing (expected: the authority's short note on its criteria)");
    assertRefused(
        UpdateStatusRequest.newBuilder().setCodeId(code).setIssuerNote(NOTE).build(),
        "issuer_note: given without issuer_color");
  }

  @Test
  void issuerColorWithFindings_orIssuerCriteriaAsAFinding_invalidArgument_andNothingChanged() {
    assertRefused(
        issuer(Color.COLOR_RED, NOTE).toBuilder().addFindings(Reason.REASON_CONFIRMED).build(),
        "findings: 1 given with issuer_color (expected: one or the other)");
    assertRefused(
        UpdateStatusRequest.newBuilder()
            .setCodeId(code)
            .addFindings(Reason.REASON_ISSUER_CRITERIA)
            .build(),
        "findings[0]: REASON_ISSUER_CRITERIA (expected: a seed-003 reason; own criteria go in issuer_color and issuer_note)");
  }

  @Test
  void unrecognizedColor_invalidArgument_andNothingChanged() {
    assertRefused(
        issuer(Color.COLOR_RED, NOTE).toBuilder().setIssuerColorValue(9).build(),
        "issuer_color: UNRECOGNIZED (expected: COLOR_GREEN, COLOR_YELLOW or COLOR_RED)");
  }

  private UpdateStatusRequest issuer(Color color, String note) {
    return UpdateStatusRequest.newBuilder()
        .setCodeId(code)
        .setIssuerColor(color)
        .setIssuerNote(note)
        .build();
  }

  private UpdateStatusResponse update(UpdateStatusRequest request) {
    return fixture.blocking(Role.PLATFORM).updateStatus(request);
  }

  private HolderStatus status() {
    return fixture.node.status(CodeId.fromBytes(code.toByteArray())).orElseThrow();
  }

  private void assertRefused(UpdateStatusRequest request, String description) {
    assertThatThrownBy(() -> update(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).isEqualTo(description);
            });
    assertThat(status()).isEqualTo(before);
    assertThat(fixture.node.core().book().feed().head()).isZero();
  }
}
