package codefed.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.code.HealthCodeText;
import codefed.node.declaration.Declarations;
import codefed.node.registry.CodeId;
import codefed.node.testing.InProcessNode;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.TestPki;
import codefed.trust.CodeRejectedException;
import codefed.trust.VerifiedCode;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.IssueCodeRequest;
import healthcode.federation.v1.IssueCodeResponse;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import healthcode.federation.v1.UpdateStatusRequest;
import healthcode.federation.v1.VerifyCodeRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueAndVerifyTest {
  @TempDir static Path dir;
  static PkiDirectory pki;
  private static final ByteString NONCE = ByteString.copyFromUtf8("nonce-0123456789");

  private InProcessNode fixture;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir, InProcessNode.PROVINCE);
  }

  @BeforeEach
  void start() throws Exception {
    fixture = new InProcessNode(pki, b -> b);
  }

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void issueCode_validDeclaration_returnsSignedQrWithMaskedIdentityExpiringIn14Days()
      throws Exception {
    IssueCodeResponse issued = issue(true);

    VerifiedCode verified =
        fixture.trustList.verifyCode(
            HealthCodeText.decode(issued.getQrText()), fixture.clock.instant());
    var payload = verified.payload();
    assertThat(payload.getIssuer()).isEqualTo("140000");
    assertThat(payload.getCodeId()).isEqualTo(issued.getCodeId());
    assertThat(payload.getMaskedName()).isEqualTo("张*");
    assertThat(payload.getMaskedIdNumber()).isEqualTo("1508**********1235");
    assertThat(payload.getProxyDeclared()).isFalse();
    assertThat(Timestamps.between(payload.getIssuedAt(), payload.getExpiresAt()))
        .isEqualTo(com.google.protobuf.util.Durations.fromDays(14));
    assertThat(payload.getExpiresAt()).isEqualTo(issued.getExpiresAt());
    assertThat(payload.getColorSnapshot().getColor()).isEqualTo(Color.COLOR_GREEN);
    assertThat(payload.getColorSnapshot().getAsOf()).isEqualTo(payload.getIssuedAt());
    assertThat(issued.getQrText()).doesNotContain("张三").doesNotContain("150802199003071235");
  }

  @Test
  void issueCode_withoutSnapshot_hasNoColorInTheQr() throws Exception {
    IssueCodeResponse issued = issue(false);

    var payload =
        fixture
            .trustList
            .verifyCode(HealthCodeText.decode(issued.getQrText()), fixture.clock.instant())
            .payload();
    assertThat(payload.hasColorSnapshot()).isFalse();
  }

  @Test
  void issueCode_proxyDeclaration_markedInTheCode() throws Exception {
    IssueCodeResponse issued =
        fixture
            .blocking(Role.PLATFORM)
            .issueCode(
                IssueCodeRequest.newBuilder().setDeclaration(Declarations.byProxy()).build());

    var payload =
        fixture
            .trustList
            .verifyCode(HealthCodeText.decode(issued.getQrText()), fixture.clock.instant())
            .payload();
    assertThat(payload.getProxyDeclared()).isTrue();
    assertThat(payload.getMaskedName()).isEqualTo("李**");
  }

  @Test
  void issueCode_declaredSymptoms_yellowWithReason() {
    var declaration =
        Declarations.resident().toBuilder()
            .setHealth(healthcode.federation.v1.HealthAnswers.newBuilder().setFever(true))
            .build();

    IssueCodeResponse issued =
        fixture
            .blocking(Role.PLATFORM)
            .issueCode(IssueCodeRequest.newBuilder().setDeclaration(declaration).build());

    assertThat(issued.getColor()).isEqualTo(Color.COLOR_YELLOW);
    assertThat(issued.getReasonsList())
        .containsExactly(Reason.REASON_FEVER_OR_RESPIRATORY_SYMPTOMS);
  }

  @Test
  void
      issueCode_badCheckDigit_invalidArgumentNamingTheField_inTheDeclarantsLanguage_andNoCodeIssued() {
    int before = fixture.node.codes();
    var zh = Declarations.resident().toBuilder().setIdNumber("110105194912310021").build();
    var en = Declarations.foreigner().toBuilder().setIdNumber("E-1").build();

    assertThatThrownBy(
            () ->
                fixture
                    .blocking(Role.PLATFORM)
                    .issueCode(IssueCodeRequest.newBuilder().setDeclaration(zh).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).isEqualTo("declaration.id_number: 校验码错误");
            });
    assertThatThrownBy(
            () ->
                fixture
                    .blocking(Role.PLATFORM)
                    .issueCode(IssueCodeRequest.newBuilder().setDeclaration(en).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getDescription())
                    .isEqualTo(
                        "declaration.id_number: bad format (expected: 5 to 17 letters and digits)"));
    assertThat(fixture.node.codes()).isEqualTo(before);
  }

  @Test
  void issueCode_missingDeclaration_invalidArgument() {
    assertThatThrownBy(
            () -> fixture.blocking(Role.PLATFORM).issueCode(IssueCodeRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getDescription()).isEqualTo("declaration: missing"));
  }

  @Test
  void verifyCode_activeCode_signedAssertionWithEverythingTheGatewayNeeds() throws Exception {
    IssueCodeResponse issued = issue(true);
    fixture.clock.advance(Duration.ofMinutes(1));

    SignedAssertion signed = verify(issued.getCodeId());

    StatusAssertion a =
        fixture.trustList.verifyAssertion(signed, "140000", fixture.clock.instant());
    assertThat(a.getIssuer()).isEqualTo("140000");
    assertThat(a.getCodeId()).isEqualTo(issued.getCodeId());
    assertThat(a.getState()).isEqualTo(CodeState.CODE_STATE_ACTIVE);
    assertThat(a.getColor()).isEqualTo(Color.COLOR_GREEN);
    assertThat(a.getMaskedName()).isEqualTo("张*");
    assertThat(a.getMaskedIdNumber()).isEqualTo("1508**********1235");
    assertThat(a.getNonce()).isEqualTo(NONCE);
    assertThat(Timestamps.toMillis(a.getAssertedAt())).isEqualTo(fixture.clock.millis());
    assertThat(Timestamps.between(a.getAssertedAt(), a.getValidUntil()))
        .isEqualTo(com.google.protobuf.util.Durations.fromMinutes(5));
    assertThat(a.getStatusSequence()).isZero();
  }

  @Test
  void verifyCode_unknownCode_signedAnswerSayingSo() throws Exception {
    ByteString unknown = ByteString.copyFrom(new CodeId(1, 2).toBytes());

    StatusAssertion a =
        fixture.trustList.verifyAssertion(verify(unknown), "140000", fixture.clock.instant());

    assertThat(a.getState()).isEqualTo(CodeState.CODE_STATE_UNKNOWN);
    assertThat(a.getColor()).isEqualTo(Color.COLOR_UNSPECIFIED);
    assertThat(a.getNonce()).isEqualTo(NONCE);
  }

  @Test
  void verifyCode_revokedCode_signedAnswerSayingSo() throws Exception {
    IssueCodeResponse issued = issue(false);
    fixture
        .blocking(Role.PLATFORM)
        .updateStatus(
            UpdateStatusRequest.newBuilder().setCodeId(issued.getCodeId()).setRevoke(true).build());

    StatusAssertion a =
        fixture.trustList.verifyAssertion(
            verify(issued.getCodeId()), "140000", fixture.clock.instant());

    assertThat(a.getState()).isEqualTo(CodeState.CODE_STATE_REVOKED);
    assertThat(a.getStatusSequence()).isEqualTo(1);
  }

  @Test
  void everyAssertion_verifiesWithTheTrustList_andFailsAfterAnyOneBitFlip() throws Exception {
    IssueCodeResponse active = issue(true);
    IssueCodeResponse revoked = issue(false);
    fixture
        .blocking(Role.PLATFORM)
        .updateStatus(
            UpdateStatusRequest.newBuilder()
                .setCodeId(revoked.getCodeId())
                .setRevoke(true)
                .build());
    List<SignedAssertion> answers =
        List.of(
            verify(active.getCodeId()),
            verify(revoked.getCodeId()),
            verify(ByteString.copyFrom(new byte[16])));

    for (SignedAssertion answer : answers) {
      fixture.trustList.verifyAssertion(answer, "140000", fixture.clock.instant());
      byte[] body = answer.getAssertion().toByteArray();
      for (int bit = 0; bit < body.length * 8; bit++) {
        SignedAssertion tampered =
            answer.toBuilder().setAssertion(ByteString.copyFrom(flip(body, bit))).build();
        assertRejected(tampered, "assertion bit " + bit);
      }
      byte[] signature = answer.getSignature().toByteArray();
      for (int bit = 0; bit < signature.length * 8; bit++) {
        SignedAssertion tampered =
            answer.toBuilder().setSignature(ByteString.copyFrom(flip(signature, bit))).build();
        assertRejected(tampered, "signature bit " + bit);
      }
    }
  }

  @Test
  void verifyCode_badCodeIdOrNonce_invalidArgumentNamingTheField() {
    ByteString id = ByteString.copyFrom(new byte[16]);

    assertInvalid(
        VerifyCodeRequest.newBuilder()
            .setCodeId(ByteString.copyFrom(new byte[15]))
            .setNonce(NONCE)
            .build(),
        "code_id: 15 bytes (expected: 16 bytes)");
    assertInvalid(
        VerifyCodeRequest.newBuilder().setCodeId(id).build(),
        "nonce: 0 bytes (expected: 8 to 64 bytes)");
    assertInvalid(
        VerifyCodeRequest.newBuilder()
            .setCodeId(id)
            .setNonce(ByteString.copyFrom(new byte[65]))
            .build(),
        "nonce: 65 bytes (expected: 8 to 64 bytes)");
  }

  private void assertInvalid(VerifyCodeRequest request, String message) {
    assertThatThrownBy(() -> fixture.blocking(Role.GATEWAY).verifyCode(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).isEqualTo(message);
            });
  }

  private void assertRejected(SignedAssertion tampered, String what) {
    assertThatThrownBy(
            () -> fixture.trustList.verifyAssertion(tampered, "140000", fixture.clock.instant()))
        .as(what)
        .isInstanceOf(CodeRejectedException.class);
  }

  private IssueCodeResponse issue(boolean snapshot) {
    return fixture
        .blocking(Role.PLATFORM)
        .issueCode(
            IssueCodeRequest.newBuilder()
                .setDeclaration(Declarations.resident())
                .setIncludeSnapshot(snapshot)
                .build());
  }

  private SignedAssertion verify(ByteString codeId) {
    return fixture
        .blocking(Role.GATEWAY)
        .verifyCode(VerifyCodeRequest.newBuilder().setCodeId(codeId).setNonce(NONCE).build())
        .getAssertion();
  }

  private static byte[] flip(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }
}
