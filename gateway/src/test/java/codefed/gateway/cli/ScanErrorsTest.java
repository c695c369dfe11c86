package codefed.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.config.GatewayOptions;
import codefed.gateway.server.GatewayServer;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.gateway.testing.SharedPki;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import codefed.time.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code codefed scan} failures name the gateway's address and the cause in one sentence. */
class ScanErrorsTest {
  @TempDir Path dir;
  final PkiDirectory pki = SharedPki.get();
  final FakeDecisionLog log = new FakeDecisionLog();

  record Run(int exit, String out, String err) {}

  Run scan(String address, String as) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ScanCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit =
        cmd.execute(
            "--gateway",
            address,
            "--pki",
            pki.root().toString(),
            "--as",
            as,
            "--jurisdiction",
            "150000",
            "--timeout",
            "20",
            "HCF1:X");
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void stoppedGateway_namesTheAddressAndTheRefusedConnection() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }

    Run r = scan("localhost:" + port, "checkpoint-1");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip())
        .isEqualTo(
            "codefed scan: cannot reach the gateway at localhost:"
                + port
                + ": connection refused (is it running and listening there?)");
  }

  @Test
  void revokedCheckpoint_isToldItsCertificateIsRevoked() throws Exception {
    PkiInitializer init = new PkiInitializer(Clock.systemUTC());
    init.revoke(
        pki.root(),
        init.issue(pki.root(), Role.CHECKPOINT, "checkpoint-scan-revoked", List.of(), false));
    GatewayServer gateway =
        GatewayServer.builder(
                GatewayOptions.builder("150000")
                    .pkiDir(pki.root())
                    .port(0)
                    .hmacKeyFile(dir.resolve("hmac.key"))
                    .build())
            .statusSource(new FakeStatusSource())
            .decisionLog(log)
            .clock(new MutableClock(Instant.parse("2020-03-20T01:00:00Z")))
            .build();
    int port = gateway.start();
    try {
      Run r = scan("localhost:" + port, "checkpoint-scan-revoked");

      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err().strip())
          .isEqualTo(
              "codefed scan: the gateway at localhost:"
                  + port
                  + " refused this checkpoint's certificate: it has been revoked");
      assertThat(log.records()).isEmpty();
      assertThat(gateway.metrics().trust().handshakeFailures("revoked")).isPositive();
    } finally {
      gateway.stop();
    }
  }
}
