package codefed.node;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.code.HealthCodeText;
import codefed.node.issuance.IssueOptions;
import codefed.node.issuance.IssuedCode;
import codefed.node.testing.HeaderRoleAuthentication;
import codefed.pki.IssuerKeyLifecycle;
import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import codefed.time.MutableClock;
import codefed.trust.TrustList;
import healthcode.federation.v1.SignedAssertion;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node takes a rotated issuer key from its PKI directory without a restart. */
class IssuerKeyRotationTest {
  private static final String SHANXI = "140000";
  private static final byte[] NONCE = "nonce-01".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.ofHours(8));
  private PkiDirectory pki;
  private ProvinceNode node;

  @BeforeEach
  void start() {
    pki = TestPki.create(dir, SHANXI);
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private ProvinceNode startNode(Duration poll) throws Exception {
    node =
        ProvinceNode.builder()
            .province(SHANXI)
            .pki(pki)
            .clock(clock)
            .issuerKeyPoll(poll)
            .serverBuilder(
                InProcessServerBuilder.forName(InProcessServerBuilder.generateName())
                    .directExecutor())
            .authentication(new HeaderRoleAuthentication())
            .build();
    node.start();
    return node;
  }

  @Test
  void rotation_newCodesAndAnswersCarryTheNewKey_oldCodesStillVerify() throws Exception {
    startNode(Duration.ofHours(1)); // no poll during the test: the check is explicit
    String oldKey = node.signingKeyId();
    IssuedCode before = node.issue(IssueOptions.builder().build());

    IssuerKeyLifecycle.Rotation r =
        new IssuerKeyLifecycle(clock).rotate(dir, SHANXI, Optional.empty(), Duration.ofSeconds(10));
    assertThat(node.signingKeyId()).as("not yet looked").isEqualTo(oldKey);
    assertThat(node.checkIssuerKey()).isTrue();
    IssuedCode after = node.issue(IssueOptions.builder().build());
    SignedAssertion answer = node.verify(before.codeId(), NONCE);

    assertThat(r.retiredKeyId()).isEqualTo(oldKey);
    assertThat(node.signingKeyId()).isEqualTo(r.newKeyId());
    assertThat(HealthCodeText.decode(after.qrText()).getKeyId()).isEqualTo(r.newKeyId());
    assertThat(answer.getKeyId()).isEqualTo(r.newKeyId());
    TrustList list = pki.trustList();
    Instant scan = clock.instant();
    assertThat(list.verifyCode(HealthCodeText.decode(before.qrText()), scan).keyId())
        .isEqualTo(oldKey);
    assertThat(list.verifyCode(HealthCodeText.decode(after.qrText()), scan).keyId())
        .isEqualTo(r.newKeyId());
    assertThat(list.verifyAssertion(answer, SHANXI, scan).getCodeId().toByteArray())
        .isEqualTo(before.codeId().toBytes());
    assertThat(node.checkIssuerKey()).as("nothing more to switch to").isFalse();
  }

  @Test
  void rotation_detectedByThePollWithinABoundedTime() throws Exception {
    startNode(Duration.ofMillis(50));
    String oldKey = node.signingKeyId();

    IssuerKeyLifecycle.Rotation r =
        new IssuerKeyLifecycle(clock).rotate(dir, SHANXI, Optional.empty(), Duration.ofSeconds(10));

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (node.signingKeyId().equals(oldKey) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(
          Duration.ofMillis(10).toNanos()); // bounded poll
    }
    assertThat(node.signingKeyId()).isEqualTo(r.newKeyId());
  }

  @Test
  void newKeyNotYetValidOnTheNodesClock_isNotUsedUntilItIs() throws Exception {
    startNode(Duration.ofHours(1));
    String oldKey = node.signingKeyId();
    IssuerKeyLifecycle.Rotation r =
        new IssuerKeyLifecycle(clock).rotate(dir, SHANXI, Optional.empty(), Duration.ofSeconds(10));

    clock.advance(Duration.ofHours(-2)); // the new key is valid from an hour before rotation
    assertThat(node.checkIssuerKey()).isFalse();
    assertThat(
            HealthCodeText.decode(node.issue(IssueOptions.builder().build()).qrText()).getKeyId())
        .isEqualTo(oldKey);

    clock.advance(Duration.ofHours(2));
    assertThat(node.checkIssuerKey()).isTrue();
    assertThat(node.signingKeyId()).isEqualTo(r.newKeyId());
  }

  @Test
  void unreadableNewKey_keepsSigningWithTheOldOne() throws Exception {
    startNode(Duration.ofHours(1));
    String oldKey = node.signingKeyId();
    IssuerKeyLifecycle.Rotation r =
        new IssuerKeyLifecycle(clock).rotate(dir, SHANXI, Optional.empty(), Duration.ofSeconds(10));
    Files.writeString(pki.issuerKeyDirectory(SHANXI).resolve(r.newKeyId() + ".key"), "not a key");

    assertThat(node.checkIssuerKey()).isFalse();

    IssuedCode code = node.issue(IssueOptions.builder().build());
    assertThat(HealthCodeText.decode(code.qrText()).getKeyId()).isEqualTo(oldKey);
    assertThat(
            pki.trustList()
                .verifyCode(HealthCodeText.decode(code.qrText()), clock.instant())
                .keyId())
        .as("still inside the switch-over, the old key's code verifies")
        .isEqualTo(oldKey);
  }
}
