package codefed.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import codefed.pki.CertificateAuthority;
import codefed.pki.LeafSpec;
import codefed.pki.PemFiles;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import codefed.pki.SpiffeId;
import codefed.pki.TestPki;
import healthcode.federation.v1.GetIssuerKeysRequest;
import healthcode.federation.v1.GetIssuerKeysResponse;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Netty, real mTLS on an ephemeral port: every way a client can be wrong, and what it gets.
 * Each case also checks that the service method was never invoked.
 */
class HandshakeMatrixTest {
  @TempDir static Path dir;
  static PkiDirectory pki;
  static PkiDirectory otherPki;
  static Server server;
  static final AtomicInteger invocations = new AtomicInteger();
  final List<ManagedChannel> channels = new ArrayList<>();

  /** The service under protection: counts every call that reaches it. */
  static final class CountingNode extends ProvinceNodeServiceGrpc.ProvinceNodeServiceImplBase {
    @Override
    public void verifyCode(VerifyCodeRequest req, StreamObserver<VerifyCodeResponse> out) {
      invocations.incrementAndGet();
      out.onNext(VerifyCodeResponse.getDefaultInstance());
      out.onCompleted();
    }

    @Override
    public void getIssuerKeys(GetIssuerKeysRequest req, StreamObserver<GetIssuerKeysResponse> out) {
      invocations.incrementAndGet();
      out.onNext(GetIssuerKeysResponse.newBuilder().setIssuer("150000").build());
      out.onCompleted();
    }
  }

  @BeforeAll
  static void startServer() throws Exception {
    pki = TestPki.create(dir.resolve("pki"), "150000", "140000");
    otherPki = TestPki.create(dir.resolve("other"), "150000");
    RoleTable table =
        RoleTable.builder()
            .allow(ProvinceNodeServiceGrpc.getVerifyCodeMethod(), Role.GATEWAY)
            .allow(ProvinceNodeServiceGrpc.getGetIssuerKeysMethod(), Role.GATEWAY, Role.PLATFORM)
            .build();
    server =
        Grpc.newServerBuilderForPort(0, MtlsCredentials.server(pki, Role.NODE, "150000"))
            .addService(new CountingNode())
            .intercept(new AuthInterceptor(table, pki.trustDomain()))
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
  }

  private ProvinceNodeServiceGrpc.ProvinceNodeServiceBlockingStub stub(ChannelCredentials creds) {
    ManagedChannel ch =
        Grpc.newChannelBuilderForAddress("localhost", server.getPort(), creds).build();
    channels.add(ch);
    return ProvinceNodeServiceGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private Status.Code verifyCodeAs(ChannelCredentials creds) {
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> stub(creds).verifyCode(VerifyCodeRequest.getDefaultInstance()));
    return e == null ? Status.Code.OK : e.getStatus().getCode();
  }

  /** A client presenting a certificate crafted from {@code spec}, signed by {@code ca}. */
  private ChannelCredentials crafted(String label, CertificateAuthority ca, LeafSpec spec)
      throws Exception {
    KeyPair kp = CertificateAuthority.newP256KeyPair();
    X509Certificate cert = ca.issue(spec, kp.getPublic());
    Path certFile = dir.resolve(label + ".crt");
    Path keyFile = dir.resolve(label + ".key");
    PemFiles.writePublic(certFile, PemFiles.pem("CERTIFICATE", cert.getEncoded()));
    PemFiles.writePrivateKey(keyFile, kp.getPrivate(), true);
    return TlsChannelCredentials.newBuilder()
        .keyManager(certFile.toFile(), keyFile.toFile())
        .trustManager(pki.caCertificatePath().toFile())
        .build();
  }

  private static LeafSpec gatewaySpec(List<String> uris, Instant notBefore, Instant notAfter) {
    return new LeafSpec("gateway", uris, List.of("localhost"), List.of(), notBefore, notAfter);
  }

  private static final Instant NOW = Instant.now();
  private static final String GATEWAY_ID = "spiffe://" + TestPki.TRUST_DOMAIN + "/gateway/150000";

  @Test
  void validGateway_reachesTheService() {
    assertThat(verifyCodeAs(MtlsCredentials.client(pki, Role.GATEWAY, "150000")))
        .isEqualTo(Status.Code.OK);
    assertThat(invocations).hasValue(1);
  }

  @Test
  void noClientCertificate_failsTheHandshake() throws Exception {
    ChannelCredentials creds =
        TlsChannelCredentials.newBuilder().trustManager(pki.caCertificatePath().toFile()).build();
    assertThat(verifyCodeAs(creds)).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(invocations).hasValue(0);
  }

  @Test
  void certificateFromAnotherCa_failsTheHandshake() throws Exception {
    ChannelCredentials creds =
        TlsChannelCredentials.newBuilder()
            .keyManager(
                otherPki.certificate(Role.GATEWAY, "150000").toFile(),
                otherPki.privateKey(Role.GATEWAY, "150000").toFile())
            .trustManager(pki.caCertificatePath().toFile())
            .build();
    assertThat(verifyCodeAs(creds)).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(invocations).hasValue(0);
  }

  @Test
  void expiredCertificate_failsTheHandshake() throws Exception {
    ChannelCredentials creds =
        crafted(
            "expired",
            TestPki.ca(pki),
            gatewaySpec(
                List.of(GATEWAY_ID),
                NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofDays(1))));
    assertThat(verifyCodeAs(creds)).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(invocations).hasValue(0);
  }

  @Test
  void notYetValidCertificate_failsTheHandshake() throws Exception {
    ChannelCredentials creds =
        crafted(
            "future",
            TestPki.ca(pki),
            gatewaySpec(
                List.of(GATEWAY_ID), NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))));
    assertThat(verifyCodeAs(creds)).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(invocations).hasValue(0);
  }

  @Test
  void revokedCertificate_failsTheHandshake_withoutRestart() {
    PkiInitializer init = new PkiInitializer(Clock.systemUTC());
    Path cert = init.issue(pki.root(), Role.GATEWAY, "to-revoke", List.of(), false);
    ChannelCredentials creds = MtlsCredentials.client(pki, Role.GATEWAY, "to-revoke");
    assertThat(verifyCodeAs(creds)).isEqualTo(Status.Code.OK);
    assertThat(invocations).hasValue(1);
    invocations.set(0);

    init.revoke(pki.root(), cert);

    assertThat(verifyCodeAs(MtlsCredentials.client(pki, Role.GATEWAY, "to-revoke")))
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(invocations).hasValue(0);
  }

  @Test
  void wrongRole_isPermissionDenied() {
    assertThat(verifyCodeAs(MtlsCredentials.client(pki, Role.PLATFORM, "150000")))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(invocations).hasValue(0);
  }

  @Test
  void roleAllowedForOneRpc_reachesThatRpc() {
    GetIssuerKeysResponse r =
        stub(MtlsCredentials.client(pki, Role.PLATFORM, "150000"))
            .getIssuerKeys(GetIssuerKeysRequest.getDefaultInstance());
    assertThat(r.getIssuer()).isEqualTo("150000");
    assertThat(invocations).hasValue(1);
  }

  @Test
  void twoUriSans_isUnauthenticated() throws Exception {
    ChannelCredentials creds =
        crafted(
            "two-sans",
            TestPki.ca(pki),
            gatewaySpec(
                List.of(GATEWAY_ID, "spiffe://" + TestPki.TRUST_DOMAIN + "/gateway/other"),
                NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(1))));
    assertThat(verifyCodeAs(creds)).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(invocations).hasValue(0);
  }

  @Test
  void noUriSan_isUnauthenticated() throws Exception {
    ChannelCredentials creds =
        crafted(
            "no-san",
            TestPki.ca(pki),
            gatewaySpec(List.of(), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1))));
    assertThat(verifyCodeAs(creds)).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(invocations).hasValue(0);
  }

  @Test
  void foreignTrustDomain_isUnauthenticated() throws Exception {
    ChannelCredentials creds =
        crafted(
            "foreign-domain",
            TestPki.ca(pki),
            gatewaySpec(
                List.of("spiffe://elsewhere.example/gateway/150000"),
                NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(1))));
    assertThat(verifyCodeAs(creds)).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(invocations).hasValue(0);
  }

  @Test
  void serverWithUnexpectedIdentity_isRefusedByTheClient() {
    SpiffeId expected = pki.spiffeId(Role.NODE, "140000"); // the server is node/150000
    assertThat(verifyCodeAs(MtlsCredentials.client(pki, Role.GATEWAY, "150000", expected)))
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(invocations).hasValue(0);
  }

  @Test
  void serverWithExpectedIdentity_isAccepted() {
    SpiffeId expected = pki.spiffeId(Role.NODE, "150000");
    assertThat(verifyCodeAs(MtlsCredentials.client(pki, Role.GATEWAY, "150000", expected)))
        .isEqualTo(Status.Code.OK);
    assertThat(invocations).hasValue(1);
  }
}
