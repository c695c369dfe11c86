package codefed.gateway.audit.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.TestRecords;
import codefed.gateway.audit.VerificationReport;
import codefed.pki.AuditSigningKeys;
import codefed.pki.CertificateAuthority;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.TestPki;
import codefed.signing.Signer;
import codefed.tls.MtlsCredentials;
import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit-signing key: usable for signing checkpoints only, and trusted only as the CA says. */
class AuditKeyTest {
  @TempDir static Path tmp;
  static PkiDirectory pki;
  static Path keyDir;

  @BeforeAll
  static void createPki() {
    pki = TestPki.create(tmp.resolve("pki"), "150000", "140000");
    keyDir = tmp.resolve("audit-key");
    AuditSigningKeys.issue(pki.root(), Role.GATEWAY, "150000", keyDir, false, Clock.systemUTC());
  }

  @Test
  void issue_insideThePkiDirectory_isRefused() {
    assertThatThrownBy(
            () ->
                AuditSigningKeys.issue(
                    pki.root(),
                    Role.GATEWAY,
                    "150000",
                    pki.root().resolve("audit"),
                    false,
                    Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inside the PKI directory");
  }

  @Test
  void auditCertificateAsTlsServer_handshakeFails() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HealthStatusManager health = new HealthStatusManager();
    Server server =
        Grpc.newServerBuilderForPort(
                0,
                TlsServerCredentials.newBuilder()
                    .keyManager(
                        keyDir.resolve("audit.crt").toFile(), keyDir.resolve("audit.key").toFile())
                    .trustManager(pki.caCertificatePath().toFile())
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                    .build())
            .addService(health.getHealthService())
            .intercept(
                new io.grpc.ServerInterceptor() {
                  @Override
                  public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
                      io.grpc.ServerCall<Q, R> call,
                      io.grpc.Metadata h,
                      io.grpc.ServerCallHandler<Q, R> next) {
                    calls.incrementAndGet();
                    return next.startCall(call, h);
                  }
                })
            .build()
            .start();
    ManagedChannel ch =
        Grpc.newChannelBuilderForAddress(
                "localhost",
                server.getPort(),
                MtlsCredentials.client(pki, Role.CHECKPOINT, "checkpoint-1"))
            .build();
    try {
      assertThatThrownBy(
              () ->
                  HealthGrpc.newBlockingStub(ch)
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .check(HealthCheckRequest.getDefaultInstance()))
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessageStartingWith("UNAVAILABLE");
      assertThat(calls).as("no call reached the server").hasValue(0);
    } finally {
      ch.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void auditCertificateAsTlsClient_handshakeFails() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HealthStatusManager health = new HealthStatusManager();
    Server server =
        Grpc.newServerBuilderForPort(0, MtlsCredentials.server(pki, Role.GATEWAY, "150000"))
            .addService(health.getHealthService())
            .intercept(
                new io.grpc.ServerInterceptor() {
                  @Override
                  public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
                      io.grpc.ServerCall<Q, R> call,
                      io.grpc.Metadata h,
                      io.grpc.ServerCallHandler<Q, R> next) {
                    calls.incrementAndGet();
                    return next.startCall(call, h);
                  }
                })
            .build()
            .start();
    ManagedChannel ch =
        Grpc.newChannelBuilderForAddress(
                "localhost",
                server.getPort(),
                TlsChannelCredentials.newBuilder()
                    .keyManager(
                        keyDir.resolve("audit.crt").toFile(), keyDir.resolve("audit.key").toFile())
                    .trustManager(pki.caCertificatePath().toFile())
                    .build())
            .build();
    try {
      assertThatThrownBy(
              () ->
                  HealthGrpc.newBlockingStub(ch)
                      .withDeadlineAfter(10, TimeUnit.SECONDS)
                      .check(HealthCheckRequest.getDefaultInstance()))
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessageStartingWith("UNAVAILABLE");
      assertThat(calls).as("no call reached the server").hasValue(0);
    } finally {
      ch.shutdownNow();
      server.shutdownNow();
    }
  }

  private static Path write(String name, Signer signer, ByteString certificate) throws Exception {
    Path dir = tmp.resolve(name);
    try (AuditLog log =
        AuditLog.open(
            dir, AuditLogOptions.defaults("150000", signer).withSignerCertificate(certificate))) {
      log.append(TestRecords.decision(0));
      log.append(TestRecords.decision(1));
    }
    return dir;
  }

  @Test
  void checkpointsSignedWithTheCertifiedAuditKey_verify() throws Exception {
    AuditKey key = AuditKey.loadGateway(keyDir, "150000");

    VerificationReport report =
        LogVerifier.verify(
            write("certified", key.signer(), key.certificateDer()), PkiVerificationKeys.load(pki));

    assertThat(report.summary()).isEqualTo("OK: 2 records, 1 checkpoints");
  }

  @Test
  void checkpointSignedByAKeyTheCaDidNotCertify_isRefusedByVerify() throws Exception {
    CertificateAuthority rogue =
        CertificateAuthority.createRoot(
            "test.codefed",
            Instant.now().minus(Duration.ofHours(1)),
            Instant.now().plus(Duration.ofDays(1)));
    KeyPair kp = CertificateAuthority.newP256KeyPair();
    var cert =
        AuditSigningKeys.certify(
            rogue,
            pki.spiffeId(Role.GATEWAY, "150000"),
            kp,
            Instant.now().minus(Duration.ofHours(1)),
            Instant.now().plus(Duration.ofDays(1)));
    Signer signer =
        Signer.of(
            CheckpointSignatures.keyId("150000", kp.getPublic()),
            CheckpointSignatures.ALGORITHM,
            kp);

    VerificationReport report =
        LogVerifier.verify(
            write("rogue", signer, ByteString.copyFrom(cert.getEncoded())),
            PkiVerificationKeys.load(pki));

    assertThat(report.ok()).isFalse();
    assertThat(report.summary())
        .isEqualTo(
            "FAIL: (checkpoints.log) checkpoint 0: bad signature: "
                + "audit certificate of spiffe://test.codefed/gateway/150000 is not signed by the federation CA");
  }

  @Test
  void anotherGatewaysAuditKey_isRefusedByVerify() throws Exception {
    Path other = tmp.resolve("other-key");
    AuditSigningKeys.issue(pki.root(), Role.GATEWAY, "140000", other, false, Clock.systemUTC());
    AuditKey key = AuditKey.loadGateway(other, "150000");

    VerificationReport report =
        LogVerifier.verify(
            write("impostor", key.signer(), key.certificateDer()), PkiVerificationKeys.load(pki));

    assertThat(report.summary())
        .contains("FAIL")
        .contains(
            "audit certificate names spiffe://test.codefed/gateway/140000"
                + " (expected: spiffe://test.codefed/gateway/150000)");
  }

  @Test
  void tlsIdentityCertificateCarriedAsAuditCertificate_isRefused() throws Exception {
    Signer tlsKey = CheckpointSignatures.gatewaySigner(pki, "150000");
    var der =
        codefed.pki.PemFiles.readCertificate(pki.certificate(Role.GATEWAY, "150000")).getEncoded();

    VerificationReport report =
        LogVerifier.verify(
            write("tls-as-audit", tlsKey, ByteString.copyFrom(der)), PkiVerificationKeys.load(pki));

    assertThat(report.summary()).contains("FAIL").contains("is not an audit-signing certificate");
  }
}
