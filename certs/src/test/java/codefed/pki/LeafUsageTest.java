package codefed.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server leaves may serve TLS and carry host names; client leaves may only be clients. */
class LeafUsageTest {
  static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  @TempDir Path dir;

  @Test
  void nodesAndGateways_serveAndCall_withTheLoopbackHostNames() throws Exception {
    PkiDirectory pki = TestPki.create(dir, "140000", "NATIONAL");
    for (Role role : List.of(Role.NODE, Role.GATEWAY)) {
      for (String name : List.of("140000", "NATIONAL")) {
        X509Certificate c = PemFiles.readCertificate(pki.certificate(role, name));
        assertThat(c.getExtendedKeyUsage())
            .as(role + "/" + name)
            .containsExactly(SERVER_AUTH, CLIENT_AUTH);
        assertThat(hostNames(c))
            .as(role + "/" + name)
            .containsExactlyInAnyOrder("localhost", "127.0.0.1");
      }
    }
  }

  @Test
  void checkpointsAuditorsAndPlatforms_areClientsOnly_withNoHostNames() throws Exception {
    PkiDirectory pki = TestPki.create(dir, "140000");
    new PkiInitializer(Clock.systemUTC())
        .issue(pki.root(), Role.CHECKPOINT, "hohhot-east-7", List.of(), false);
    for (Path cert :
        List.of(
            pki.certificate(Role.CHECKPOINT, "checkpoint-1"),
                pki.certificate(Role.CHECKPOINT, "hohhot-east-7"),
            pki.certificate(Role.AUDITOR, "auditor-1"), pki.certificate(Role.PLATFORM, "140000"))) {
      X509Certificate c = PemFiles.readCertificate(cert);
      assertThat(c.getExtendedKeyUsage()).as(cert.toString()).containsExactly(CLIENT_AUTH);
      assertThat(hostNames(c)).as(cert.toString()).isEmpty();
      assertThat(codefed.tls.PeerCertificates.uriSans(c)).hasSize(1);
    }
  }

  @Test
  void issue_hostNameForAClientRole_isRefusedAndNothingIsWritten() {
    PkiDirectory pki = TestPki.create(dir, "140000");

    assertThatThrownBy(
            () ->
                new PkiInitializer(Clock.systemUTC())
                    .issue(pki.root(), Role.CHECKPOINT, "gate-9", List.of("gate-9.example"), false))
        .hasMessageContaining("--san: [gate-9.example] (a checkpoint is a client only");
    assertThat(pki.hasIdentity(Role.CHECKPOINT, "gate-9")).isFalse();
  }

  @Test
  void leafSpec_clientWithHostNames_isRefused() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(
            () ->
                new LeafSpec(
                    "c",
                    List.of(),
                    List.of("localhost"),
                    List.of(),
                    now,
                    now.plusSeconds(60),
                    false))
        .hasMessageContaining("expected: none on a client-only leaf");
  }

  private static List<String> hostNames(X509Certificate c) throws Exception {
    List<String> names = new ArrayList<>();
    if (c.getSubjectAlternativeNames() != null) {
      for (List<?> san : c.getSubjectAlternativeNames()) {
        int type = (Integer) san.get(0);
        if (type == 2 || type == 7) {
          names.add(String.valueOf(san.get(1)));
        }
      }
    }
    return names;
  }
}
