package codefed.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.trust.TrustList;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignatureAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuerKeyLifecycleTest {
  private static final String SHANXI = "140000";
  @TempDir Path dir;

  private final Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private final IssuerKeyLifecycle lifecycle =
      new IssuerKeyLifecycle(Clock.fixed(now, ZoneOffset.UTC));

  @Test
  void rotate_newActiveKey_oldRetiredWithItsCodesWindow_andANewListVersion() throws Exception {
    PkiDirectory pki = TestPki.create(dir, SHANXI, "150000");
    String old = pki.activeIssuerKey(SHANXI).keyId();
    long before = pki.trustList().version();

    IssuerKeyLifecycle.Rotation r =
        lifecycle.rotate(dir, SHANXI, Optional.empty(), Duration.ofSeconds(30));

    TrustList list = pki.trustList();
    assertThat(list.version()).isEqualTo(before + 1).isEqualTo(r.trustListVersion());
    List<IssuerKey> keys = list.keys(SHANXI);
    assertThat(keys).extracting(IssuerKey::getKeyId).containsExactly(old, r.newKeyId());
    IssuerKey retired = keys.get(0);
    assertThat(retired.getStatus()).isEqualTo(KeyStatus.KEY_STATUS_RETIRED);
    assertThat(retired.getRetiredAt().getSeconds()).isEqualTo(now.plusSeconds(30).getEpochSecond());
    assertThat(retired.getNotAfter().getSeconds())
        .isEqualTo(now.plusSeconds(30).plus(Duration.ofDays(15)).getEpochSecond());
    assertThat(keys.get(1).getStatus()).isEqualTo(KeyStatus.KEY_STATUS_ACTIVE);
    assertThat(keys.get(1).getAlgorithm())
        .isEqualTo(SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    // The node's view: issuer.properties names the new key, whose private key is 0600.
    assertThat(pki.activeIssuerKey(SHANXI).keyId()).isEqualTo(r.newKeyId()).isNotEqualTo(old);
    assertThat(pki.issuerSigner(SHANXI).keyId()).isEqualTo(r.newKeyId());
    assertThat(
            Files.getPosixFilePermissions(
                pki.issuerKeyDirectory(SHANXI).resolve(r.newKeyId() + ".key")))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    // Another issuer is untouched.
    assertThat(list.keys("150000"))
        .singleElement()
        .extracting(IssuerKey::getStatus)
        .isEqualTo(KeyStatus.KEY_STATUS_ACTIVE);
  }

  @Test
  void rotate_withAnotherAlgorithm_andTwice_keepsEveryLiveKeyInTheList() throws Exception {
    PkiDirectory pki = TestPki.create(dir, SHANXI);

    IssuerKeyLifecycle.Rotation first =
        lifecycle.rotate(
            dir,
            SHANXI,
            Optional.of(SignatureAlgorithm.SIGNATURE_ALGORITHM_SM2_SM3),
            Duration.ZERO);
    IssuerKeyLifecycle.Rotation second =
        lifecycle.rotate(dir, SHANXI, Optional.empty(), Duration.ZERO);

    assertThat(second.algorithm()).isEqualTo(SignatureAlgorithm.SIGNATURE_ALGORITHM_SM2_SM3);
    assertThat(second.retiredKeyId()).isEqualTo(first.newKeyId());
    assertThat(pki.trustList().keys(SHANXI))
        .extracting(IssuerKey::getStatus)
        .containsExactly(
            KeyStatus.KEY_STATUS_RETIRED,
            KeyStatus.KEY_STATUS_RETIRED,
            KeyStatus.KEY_STATUS_ACTIVE);
  }

  @Test
  void revoke_retiredKey_setsTheCompromiseInstantAndPublishes() throws Exception {
    PkiDirectory pki = TestPki.create(dir, SHANXI);
    IssuerKeyLifecycle.Rotation r = lifecycle.rotate(dir, SHANXI, Optional.empty(), Duration.ZERO);
    Instant since = now.minus(Duration.ofHours(2));

    IssuerKeyLifecycle.Revocation v = lifecycle.revoke(dir, r.retiredKeyId(), since);

    assertThat(v.previousStatus()).isEqualTo(KeyStatus.KEY_STATUS_RETIRED);
    TrustList list = pki.trustList();
    assertThat(list.version()).isEqualTo(v.trustListVersion()).isEqualTo(r.trustListVersion() + 1);
    IssuerKey revoked = list.key(SHANXI, r.retiredKeyId()).orElseThrow();
    assertThat(revoked.getStatus()).isEqualTo(KeyStatus.KEY_STATUS_REVOKED);
    assertThat(revoked.getCompromisedSince().getSeconds()).isEqualTo(since.getEpochSecond());
    assertThat(revoked.hasRetiredAt()).isTrue();
    assertThat(pki.activeIssuerKey(SHANXI).keyId()).isEqualTo(r.newKeyId());
  }

  @Test
  void revoke_theActiveKey_isRefused_andNothingIsPublished() throws Exception {
    PkiDirectory pki = TestPki.create(dir, SHANXI);
    String active = pki.activeIssuerKey(SHANXI).keyId();
    byte[] listBefore = Files.readAllBytes(pki.trustListPath());

    assertThatThrownBy(() -> lifecycle.revoke(dir, active, now.minusSeconds(60)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is the ACTIVE key of 140000: rotate first");

    assertThat(Files.readAllBytes(pki.trustListPath())).isEqualTo(listBefore);
    assertThat(pki.trustList().key(SHANXI, active).orElseThrow().getStatus())
        .isEqualTo(KeyStatus.KEY_STATUS_ACTIVE);
  }

  @Test
  void revoke_unknownKeyOrFutureInstant_isRefusedNamingTheArgument() {
    TestPki.create(dir, SHANXI);

    assertThatThrownBy(() -> lifecycle.revoke(dir, "140000-ed25519-00000000", now.minusSeconds(1)))
        .hasMessageStartingWith("KEY_ID: 140000-ed25519-00000000 is not an issuer key");
    assertThatThrownBy(() -> lifecycle.revoke(dir, "140000-ed25519-00000000", now.plusSeconds(60)))
        .hasMessageStartingWith("--compromised-since: ");
  }

  @Test
  void rotate_aDirectoryWrittenBeforeKeyRecords_readsItsActiveKeyAsTheHistory() throws Exception {
    PkiDirectory pki = TestPki.create(dir, SHANXI);
    String old = pki.activeIssuerKey(SHANXI).keyId();
    Files.delete(pki.issuerKeyDirectory(SHANXI).resolve(old + ".properties")); // the old layout

    IssuerKeyLifecycle.Rotation r = lifecycle.rotate(dir, SHANXI, Optional.empty(), Duration.ZERO);

    assertThat(r.retiredKeyId()).isEqualTo(old);
    assertThat(pki.trustList().keys(SHANXI))
        .extracting(IssuerKey::getKeyId)
        .containsExactly(old, r.newKeyId());
  }

  @Test
  void publish_afterTheRetiredKeysCodesExpired_leavesItOut() throws Exception {
    PkiDirectory pki = TestPki.create(dir, SHANXI);
    IssuerKeyLifecycle.Rotation r = lifecycle.rotate(dir, SHANXI, Optional.empty(), Duration.ZERO);

    new IssuerKeyLifecycle(Clock.fixed(r.retiredUntil(), ZoneOffset.UTC))
        .rotate(dir, SHANXI, Optional.empty(), Duration.ZERO);

    assertThat(pki.trustList().keys(SHANXI))
        .extracting(IssuerKey::getKeyId)
        .doesNotContain(r.retiredKeyId())
        .contains(r.newKeyId());
  }
}
