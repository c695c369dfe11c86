package codefed.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import codefed.pki.CertificateAuthority;
import codefed.pki.LeafSpec;
import codefed.pki.PemFiles;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import codefed.pki.TestPki;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.VerifyCodeRequest;
import healthcode.federation.v1.VerifyCodeResponse;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refused handshakes over real mTLS: each is reported with its reason (what the gateway counts in
 * {@code codefed_tls_handshake_failures_total}) and the client receives the matching TLS alert, not
 * internal_error. The service is never reached.
 */
class HandshakeAlertsTest {
  @TempDir static Path dir;
  static PkiDirectory pki;
  static PkiDirectory otherPki;
  static Server server;
  static final AtomicInteger invocations = new AtomicInteger();
  static final List<HandshakeFailure> reported = new CopyOnWriteArrayList<>();
  final List<ManagedChannel> channels = new ArrayList<>();

  static final class CountingNode extends ProvinceNodeServiceGrpc.ProvinceNodeServiceImplBase {
    @Override
    public void verifyCode(VerifyCodeRequest req, StreamObserver<VerifyCodeResponse> out) {
      invocations.incrementAndGet();
      out.onNext(VerifyCodeResponse.getDefaultInstance());
      out.onCompleted();
    }
  }

  @BeforeAll
  static void startServer() throws Exception {
    pki = TestPki.create(dir.resolve("pki"), "150000");
    otherPki = TestPki.create(dir.resolve("other"), "150000");
    RoleTable table =
        RoleTable.builder()
            .allow(ProvinceNodeServiceGrpc.getVerifyCodeMethod(), Role.GATEWAY)
            .build();
    CrlCache crl = CrlCache.open(pki);
    HandshakeDiagnostics diagnostics = new HandshakeDiagnostics(reported::add, Clock.systemUTC());
    server =
        Grpc.newServerBuilderForPort(
                0, MtlsCredentials.server(pki, Role.NODE, "150000", crl, diagnostics))
            .addService(new CountingNode())
            .intercept(new AuthInterceptor(table, pki.trustDomain(), (m, c) -> {}, crl))
            .build()
            .start();
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void closeChannels() {
    channels.forEach(ManagedChannel::shutdownNow);
    invocations.set(0);
    reported.clear();
  }

  private StatusRuntimeException refused(ChannelCredentials creds) {
    ManagedChannel ch =
        Grpc.newChannelBuilderForAddress("localhost", server.getPort(), creds).build();
    channels.add(ch);
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ProvinceNodeServiceGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .verifyCode(VerifyCodeRequest.getDefaultInstance()));
    assertThat(e).as("call must fail").isNotNull();
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(invocations).hasValue(0);
    return e;
  }

  static String causes(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
    }
    return b.toString();
  }

  @Test
  void foreignCa_isUnknownCa() throws Exception {
    ChannelCredentials creds =
        TlsChannelCredentials.newBuilder()
            .keyManager(
                otherPki.certificate(Role.GATEWAY, "150000").toFile(),
                otherPki.privateKey(Role.GATEWAY, "150000").toFile())
            .trustManager(pki.caCertificatePath().toFile())
            .build();
    StatusRuntimeException e = refused(creds);
    assertThat(causes(e)).contains("ALERT_UNKNOWN_CA");
    assertThat(reported)
        .isNotEmpty()
        .containsOnly(HandshakeFailure.UNKNOWN_CA); // the channel may try more than once
  }

  @Test
  void revoked_isCertificateRevoked() {
    PkiInitializer init = new PkiInitializer(Clock.systemUTC());
    Path cert = init.issue(pki.root(), Role.GATEWAY, "revoked-at-handshake", List.of(), false);
    init.revoke(pki.root(), cert);
    StatusRuntimeException e =
        refused(MtlsCredentials.client(pki, Role.GATEWAY, "revoked-at-handshake"));
    assertThat(causes(e)).contains("ALERT_CERTIFICATE_REVOKED");
    assertThat(reported)
        .isNotEmpty()
        .containsOnly(HandshakeFailure.REVOKED); // the channel may try more than once
  }

  @Test
  void expired_isCertificateExpired() throws Exception {
    KeyPair kp = CertificateAuthority.newP256KeyPair();
    Instant now = Instant.now();
    X509Certificate c =
        TestPki.ca(pki)
            .issue(
                new LeafSpec(
                    "gateway",
                    List.of("spiffe://" + TestPki.TRUST_DOMAIN + "/gateway/150000"),
                    List.of("localhost"),
                    List.of(),
                    now.minus(Duration.ofDays(30)),
                    now.minus(Duration.ofDays(1))),
                kp.getPublic());
    Path certFile = dir.resolve("expired.crt");
    Path keyFile = dir.resolve("expired.key");
    PemFiles.writePublic(certFile, PemFiles.pem("CERTIFICATE", c.getEncoded()));
    PemFiles.writePrivateKey(keyFile, kp.getPrivate(), true);
    StatusRuntimeException e =
        refused(
            TlsChannelCredentials.newBuilder()
                .keyManager(certFile.toFile(), keyFile.toFile())
                .trustManager(pki.caCertificatePath().toFile())
                .build());
    assertThat(causes(e)).contains("ALERT_CERTIFICATE_EXPIRED");
    assertThat(reported)
        .isNotEmpty()
        .containsOnly(HandshakeFailure.EXPIRED); // the channel may try more than once
  }
}
