package codefed.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.config.GatewayOptions;
import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway without the auditors' certified sealing key, or with one another federation certified,
 * does not start — and opens, writes and serves nothing.
 */
class GatewaySealingKeyTest {
  @TempDir Path dir;

  private GatewayServer gateway(PkiDirectory pki) {
    return GatewayServer.builder(
            GatewayOptions.builder("150000")
                .pkiDir(pki.root())
                .port(0)
                .auditDir(dir.resolve("audit"))
                .hmacKeyFile(dir.resolve("hmac.key"))
                .build())
        .build();
  }

  @Test
  void missingSealingCertificate_refusesToStart_andWritesNothing() throws Exception {
    PkiDirectory pki = TestPki.create(dir.resolve("pki"), "150000", "140000");
    Files.delete(pki.auditorSealCertificatePath());

    assertThatThrownBy(() -> gateway(pki).start())
        .isInstanceOf(GatewayStartException.class)
        .hasMessageContaining("auditors' sealing key: no auditors' sealing certificate");
    assertThat(dir.resolve("audit")).doesNotExist();
    assertThat(dir.resolve("hmac.key")).doesNotExist();
  }

  @Test
  void sealingCertificateOfAnotherFederation_refusesToStart() throws Exception {
    PkiDirectory pki = TestPki.create(dir.resolve("pki"), "150000", "140000");
    PkiDirectory other = TestPki.create(dir.resolve("other"), "150000", "140000");
    Files.copy(
        other.auditorSealCertificatePath(),
        pki.auditorSealCertificatePath(),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> gateway(pki).start())
        .isInstanceOf(GatewayStartException.class)
        .hasMessageContaining("not valid under this PKI's CA");
    assertThat(dir.resolve("audit")).doesNotExist();
  }
}
