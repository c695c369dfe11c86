package codefed.trust;

import static codefed.trust.TestFederation.KEYS_FROM;
import static codefed.trust.TestFederation.KEYS_UNTIL;
import static codefed.trust.TestFederation.NOW;
import static codefed.trust.TestFederation.SHANXI;
import static codefed.trust.TestFederation.sign;
import static codefed.trust.TestFederation.timestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.SignedCode;
import healthcode.federation.v1.StatusAssertion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each key status against the instant a code or assertion was signed and the instant it is
 * verified: ACTIVE signs, RETIRED verifies what it signed before retired_at, REVOKED what it signed
 * before compromised_since.
 */
class TrustListKeyLifecycleTest {
  private static final Instant RETIRED_AT = Instant.parse("2020-03-10T00:00:00Z");
  private static final Instant COMPROMISED = Instant.parse("2020-03-05T00:00:00Z");
  private static final Instant RETIRED_UNTIL = RETIRED_AT.plus(Duration.ofDays(15));

  private final TestFederation federation = new TestFederation();

  /**
   * One row: key lifecycle, when the bytes were signed, the expected rejection (null: verifies).
   */
  private record Row(
      String name,
      KeyStatus status,
      Instant retiredAt,
      Instant compromisedSince,
      Instant notAfter,
      Instant signedAt,
      RejectionReason expected) {}

  private static List<Row> rows() {
    Instant early = COMPROMISED.minusSeconds(1);
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "active, old signature",
            KeyStatus.KEY_STATUS_ACTIVE,
            null,
            null,
            KEYS_UNTIL,
            early,
            null));
    rows.add(
        new Row(
            "active, fresh signature",
            KeyStatus.KEY_STATUS_ACTIVE,
            null,
            null,
            KEYS_UNTIL,
            NOW,
            null));
    rows.add(
        new Row(
            "retired, signed before",
            KeyStatus.KEY_STATUS_RETIRED,
            RETIRED_AT,
            null,
            RETIRED_UNTIL,
            RETIRED_AT.minusMillis(1),
            null));
    rows.add(
        new Row(
            "retired, signed at retirement",
            KeyStatus.KEY_STATUS_RETIRED,
            RETIRED_AT,
            null,
            RETIRED_UNTIL,
            RETIRED_AT,
            RejectionReason.KEY_NOT_VALID));
    rows.add(
        new Row(
            "retired, signed after",
            KeyStatus.KEY_STATUS_RETIRED,
            RETIRED_AT,
            null,
            RETIRED_UNTIL,
            NOW,
            RejectionReason.KEY_NOT_VALID));
    rows.add(
        new Row(
            "retired, window over",
            KeyStatus.KEY_STATUS_RETIRED,
            RETIRED_AT,
            null,
            NOW,
            RETIRED_AT.minusSeconds(60),
            RejectionReason.KEY_NOT_VALID));
    rows.add(
        new Row(
            "revoked, signed before compromise",
            KeyStatus.KEY_STATUS_REVOKED,
            null,
            COMPROMISED,
            KEYS_UNTIL,
            early,
            null));
    rows.add(
        new Row(
            "revoked, signed at compromise",
            KeyStatus.KEY_STATUS_REVOKED,
            null,
            COMPROMISED,
            KEYS_UNTIL,
            COMPROMISED,
            RejectionReason.KEY_COMPROMISED));
    rows.add(
        new Row(
            "revoked, signed after compromise",
            KeyStatus.KEY_STATUS_REVOKED,
            null,
            COMPROMISED,
            KEYS_UNTIL,
            NOW,
            RejectionReason.KEY_COMPROMISED));
    rows.add(
        new Row(
            "revoked, no compromise instant",
            KeyStatus.KEY_STATUS_REVOKED,
            null,
            null,
            KEYS_UNTIL,
            early,
            RejectionReason.KEY_NOT_VALID));
    rows.add(
        new Row(
            "retired then revoked later, signed between",
            KeyStatus.KEY_STATUS_REVOKED,
            COMPROMISED,
            RETIRED_AT,
            RETIRED_UNTIL,
            COMPROMISED.plusSeconds(1),
            RejectionReason.KEY_NOT_VALID));
    rows.add(
        new Row(
            "retired then revoked later, signed before both",
            KeyStatus.KEY_STATUS_REVOKED,
            COMPROMISED,
            RETIRED_AT,
            RETIRED_UNTIL,
            early,
            null));
    return rows;
  }

  @Test
  void verifyCode_eachStatusAndSigningInstant_followsTheKeyLifecycle() throws Exception {
    for (Row row : rows()) {
      TrustList list = listWith(key(row));
      SignedCode code = sign(federation.shanxi, codeIssuedAt(row.signedAt()));
      if (row.expected() == null) {
        VerifiedCode verified = list.verifyCode(code, NOW);
        assertThat(verified.keyId()).as(row.name()).isEqualTo(federation.shanxi.keyId());
        assertThat(list.stillAccepts(verified, NOW)).as(row.name()).isTrue();
      } else {
        assertRejected(row, () -> list.verifyCode(code, NOW));
      }
    }
  }

  @Test
  void verifyAssertion_eachStatusAndAssertionInstant_followsTheKeyLifecycle() throws Exception {
    for (Row row : rows()) {
      TrustList list = listWith(key(row));
      SignedAssertion signed = signAssertion(assertion(row.signedAt()));
      if (row.expected() == null) {
        assertThat(list.verifyAssertion(signed, SHANXI, NOW).getAssertedAt())
            .as(row.name())
            .isEqualTo(timestamp(row.signedAt()));
      } else {
        assertRejected(row, () -> list.verifyAssertion(signed, SHANXI, NOW));
      }
    }
  }

  @Test
  void verifyCode_compromisedKey_rejectionNamesTheKeyAndTheInstant() throws Exception {
    TrustList list = listWith(key(rows().get(8)));
    SignedCode code = sign(federation.shanxi, codeIssuedAt(NOW));

    assertThatThrownBy(() -> list.verifyCode(code, NOW))
        .isInstanceOf(CodeRejectedException.class)
        .hasMessage(
            "key "
                + federation.shanxi.keyId()
                + ": compromised since "
                + COMPROMISED
                + " (signed at "
                + NOW
                + ")");
  }

  @Test
  void verifyAssertion_retiredKeyWithoutAssertedAt_isRejectedAsMalformed() throws Exception {
    TrustList list = listWith(key(rows().get(2)));
    SignedAssertion signed = signAssertion(assertion(NOW).toBuilder().clearAssertedAt().build());

    assertThatThrownBy(() -> list.verifyAssertion(signed, SHANXI, NOW))
        .isInstanceOf(CodeRejectedException.class)
        .hasMessageContaining("status_assertion.asserted_at: missing");
  }

  @Test
  void stillAccepts_aCodeVerifiedBeforeTheKeyWasRevoked_isFalseUnderTheNewList() throws Exception {
    TrustList before = listWith(key(rows().get(0)));
    VerifiedCode verified = before.verifyCode(sign(federation.shanxi, codeIssuedAt(NOW)), NOW);
    TrustList after = listWith(key(rows().get(8)));

    assertThat(before.stillAccepts(verified, NOW)).isTrue();
    assertThat(after.stillAccepts(verified, NOW)).isFalse();
  }

  @Test
  void build_lifecycleFieldsInTheWrongPlace_isRefusedNamingTheField() {
    IssuerKey.Builder base = key(rows().get(0)).toBuilder();
    assertThatThrownBy(() -> listWith(base.clone().setStatus(KeyStatus.KEY_STATUS_RETIRED).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "trust_list.issuers[0].keys[0].retired_at: missing (expected: set on a RETIRED key)");
    assertThatThrownBy(() -> listWith(base.clone().setRetiredAt(timestamp(RETIRED_AT)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("trust_list.issuers[0].keys[0].retired_at: 2020-03-10T00:00:00Z");
    assertThatThrownBy(
            () -> listWith(base.clone().setCompromisedSince(timestamp(COMPROMISED)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "trust_list.issuers[0].keys[0].compromised_since: 2020-03-05T00:00:00Z");
  }

  private IssuerKey key(Row row) {
    IssuerKey.Builder key =
        IssuerKey.newBuilder()
            .setKeyId(federation.shanxi.keyId())
            .setAlgorithm(federation.shanxi.algorithm())
            .setPublicKey(ByteString.copyFrom(federation.shanxi.publicKey().getEncoded()))
            .setNotBefore(timestamp(KEYS_FROM))
            .setNotAfter(timestamp(row.notAfter()))
            .setStatus(row.status());
    if (row.retiredAt() != null) {
      key.setRetiredAt(timestamp(row.retiredAt()));
    }
    if (row.compromisedSince() != null) {
      key.setCompromisedSince(timestamp(row.compromisedSince()));
    }
    return key.build();
  }

  private TrustList listWith(IssuerKey key) throws TrustListException {
    // The list itself is verified at KEYS_FROM, before any of the instants under test.
    return TrustList.verify(
        TrustListBuilder.create("test.codefed")
            .issuedAt(KEYS_FROM.minusSeconds(1))
            .nextUpdate(KEYS_UNTIL)
            .addKey(SHANXI, key)
            .sign(federation.ca.privateKey(), federation.ca.certificate()),
        federation.ca.certificate(),
        KEYS_FROM);
  }

  private static CodePayload codeIssuedAt(Instant issuedAt) {
    return TestFederation.payload(SHANXI).toBuilder()
        .setIssuedAt(timestamp(issuedAt))
        .setExpiresAt(timestamp(issuedAt.plus(Duration.ofDays(14))))
        .build();
  }

  private static StatusAssertion assertion(Instant assertedAt) {
    return StatusAssertion.newBuilder()
        .setIssuer(SHANXI)
        .setCodeId(ByteString.copyFrom(new byte[16]))
        .setState(CodeState.CODE_STATE_ACTIVE)
        .setColor(Color.COLOR_GREEN)
        .setAssertedAt(timestamp(assertedAt))
        .setValidUntil(timestamp(assertedAt.plusSeconds(300)))
        .setNonce(ByteString.copyFromUtf8("nonce-01"))
        .build();
  }

  private SignedAssertion signAssertion(StatusAssertion assertion) {
    byte[] bytes = assertion.toByteArray();
    return SignedAssertion.newBuilder()
        .setAssertion(ByteString.copyFrom(bytes))
        .setKeyId(federation.shanxi.keyId())
        .setSignature(ByteString.copyFrom(federation.shanxi.sign(SigningDomain.ASSERTION, bytes)))
        .build();
  }

  private static void assertRejected(
      Row row, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .as(row.name())
        .isInstanceOf(CodeRejectedException.class)
        .extracting(e -> ((CodeRejectedException) e).reason())
        .isEqualTo(row.expected());
  }
}
