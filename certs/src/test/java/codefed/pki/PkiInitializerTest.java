package codefed.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.trust.TrustList;
import healthcode.federation.v1.SignatureAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiInitializerTest {
  @TempDir Path dir;

  private PkiDirectory init(boolean force, SignatureAlgorithm alg) {
    return new PkiInitializer(Clock.systemUTC())
        .init(
            new PkiInitializer.InitRequest(
                dir,
                "codefed.example",
                List.of("150000", "140000", "NATIONAL"),
                alg,
                TestPki.ISSUER_KEYS_NOT_BEFORE,
                List.of(),
                force));
  }

  @Test
  void init_createsIdentitiesWithOneSpiffeSanSignedByTheCa() throws Exception {
    PkiDirectory pki = init(false, SignatureAlgorithm.SIGNATURE_ALGORITHM_SM2_SM3);
    X509Certificate node = PemFiles.readCertificate(pki.certificate(Role.NODE, "140000"));
    node.verify(pki.caCertificate().getPublicKey());
    assertThat(codefed.tls.PeerCertificates.uriSans(node))
        .containsExactly("spiffe://codefed.example/node/140000");
    assertThat(node.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(node.getKeyUsage()[0]).isTrue(); // digitalSignature
    assertThat(node.getSerialNumber().bitLength()).isEqualTo(128);
    for (Role r : List.of(Role.GATEWAY, Role.PLATFORM)) {
      assertThat(pki.hasIdentity(r, "NATIONAL")).isTrue();
    }
    assertThat(pki.hasIdentity(Role.CHECKPOINT, "checkpoint-1")).isTrue();
    assertThat(pki.hasIdentity(Role.AUDITOR, "auditor-1")).isTrue();
  }

  @Test
  void init_checkpoints3_issuesThreeSeparateScannerIdentities_defaultIsOne() throws Exception {
    PkiDirectory pki =
        new PkiInitializer(Clock.systemUTC())
            .init(
                new PkiInitializer.InitRequest(
                    dir,
                    "codefed.example",
                    List.of("150000"),
                    SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519,
                    TestPki.ISSUER_KEYS_NOT_BEFORE,
                    List.of(),
                    false,
                    3));

    Set<java.math.BigInteger> serials = new java.util.HashSet<>();
    Set<String> keys = new java.util.HashSet<>();
    for (int i = 1; i <= 3; i++) {
      X509Certificate c =
          PemFiles.readCertificate(pki.certificate(Role.CHECKPOINT, "checkpoint-" + i));
      assertThat(codefed.tls.PeerCertificates.uriSans(c))
          .containsExactly("spiffe://codefed.example/checkpoint/checkpoint-" + i);
      serials.add(c.getSerialNumber());
      keys.add(java.util.HexFormat.of().formatHex(c.getPublicKey().getEncoded()));
    }
    assertThat(serials).hasSize(3);
    assertThat(keys).as("each scanner its own key").hasSize(3);
    assertThat(pki.hasIdentity(Role.CHECKPOINT, "checkpoint-4")).isFalse();

    Path other = dir.resolve("default");
    PkiDirectory one =
        new PkiInitializer(Clock.systemUTC())
            .init(
                new PkiInitializer.InitRequest(
                    other,
                    "codefed.example",
                    List.of("150000"),
                    SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519,
                    TestPki.ISSUER_KEYS_NOT_BEFORE,
                    List.of(),
                    false));
    assertThat(one.hasIdentity(Role.CHECKPOINT, "checkpoint-1")).isTrue();
    assertThat(one.hasIdentity(Role.CHECKPOINT, "checkpoint-2")).isFalse();
  }

  @Test
  void init_zeroCheckpoints_isRefusedBeforeAnythingIsWritten() {
    Path target = dir.resolve("none");
    assertThatThrownBy(
            () ->
                new PkiInitializer.InitRequest(
                    target,
                    "codefed.example",
                    List.of("150000"),
                    SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519,
                    TestPki.ISSUER_KEYS_NOT_BEFORE,
                    List.of(),
                    false,
                    0))
        .hasMessage("--checkpoints: 0 (expected: 1..1000)");
    assertThat(target).doesNotExist();
  }

  @Test
  void publicFiles_areWorldReadable_keysOwnerOnly() throws Exception {
    PkiDirectory pki = init(false, SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    for (Path f :
        List.of(
            pki.caCertificatePath(),
            pki.crl(),
            pki.trustListPath(),
            pki.root().resolve("pki.properties"),
            pki.certificate(Role.NODE, "140000"),
            pki.certificate(Role.CHECKPOINT, "checkpoint-1"))) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(f)))
          .as(f.toString())
          .isEqualTo("rw-r--r--");
    }
    PkiBundlesTest.assertModes(pki.root().resolve("ca"));
    PkiBundlesTest.assertModes(pki.root().resolve("node"));
  }

  @Test
  void privateKeys_areOwnerReadableOnly() throws Exception {
    PkiDirectory pki = init(false, SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    try (var files = Files.walk(pki.root())) {
      List<Path> keys = files.filter(f -> f.toString().endsWith(".key")).toList();
      assertThat(keys).hasSizeGreaterThan(10);
      for (Path k : keys) {
        assertThat(Files.getPosixFilePermissions(k))
            .as(k.toString())
            .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      }
    }
  }

  @Test
  void trustList_publishesEveryIssuerKey_andVerifiesTheirSignatures() throws Exception {
    PkiDirectory pki = init(false, SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    TrustList list = pki.trustList();
    assertThat(list.issuers()).containsExactlyInAnyOrder("150000", "140000", "NATIONAL");
    Signer signer = pki.issuerSigner("140000");
    assertThat(list.key("140000", signer.keyId())).isPresent();
    byte[] msg = "payload".getBytes();
    signer.verifier().verify(SigningDomain.CODE, msg, signer.sign(SigningDomain.CODE, msg));
  }

  @Test
  void rerun_keepsExistingKeys_unlessForced() throws Exception {
    PkiDirectory first = init(false, SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    String caBefore = Files.readString(first.caCertificatePath());
    String keyIdBefore = first.issuerSigner("150000").keyId();
    byte[] nodeKeyBefore = Files.readAllBytes(first.privateKey(Role.NODE, "150000"));

    PkiDirectory again = init(false, SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    assertThat(Files.readString(again.caCertificatePath())).isEqualTo(caBefore);
    assertThat(again.issuerSigner("150000").keyId()).isEqualTo(keyIdBefore);
    assertThat(Files.readAllBytes(again.privateKey(Role.NODE, "150000"))).isEqualTo(nodeKeyBefore);

    PkiDirectory forced = init(true, SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    assertThat(Files.readString(forced.caCertificatePath())).isNotEqualTo(caBefore);
    assertThat(forced.issuerSigner("150000").keyId()).isNotEqualTo(keyIdBefore);
  }

  @Test
  void issue_refusesToReplaceAnIdentity_unlessForced() {
    init(false, SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    PkiInitializer pki = new PkiInitializer(Clock.systemUTC());
    pki.issue(dir, Role.CHECKPOINT, "gate-7", List.of(), false);
    assertThatThrownBy(() -> pki.issue(dir, Role.CHECKPOINT, "gate-7", List.of(), false))
        .hasMessageContaining("exists");
    pki.issue(dir, Role.CHECKPOINT, "gate-7", List.of(), true);
  }

  @Test
  void revoke_addsTheSerialToTheCrl() {
    PkiDirectory pki = init(false, SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    X509Certificate cert =
        PemFiles.readCertificate(pki.certificate(Role.CHECKPOINT, "checkpoint-1"));
    new PkiInitializer(Clock.systemUTC())
        .revoke(dir, pki.certificate(Role.CHECKPOINT, "checkpoint-1"));
    assertThat(PemFiles.readCrl(pki.crl()).isRevoked(cert)).isTrue();
  }
}
