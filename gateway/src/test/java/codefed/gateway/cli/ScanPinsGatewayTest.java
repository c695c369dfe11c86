package codefed.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.config.GatewayOptions;
import codefed.gateway.server.GatewayServer;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.gateway.testing.RealCodes;
import codefed.gateway.testing.SharedPki;
import codefed.pki.PkiBundles;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.time.MutableClock;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.RecognizeResponse;
import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code codefed scan} over real mTLS talks only to the gateway of its jurisdiction: a stolen
 * scanner key serving as a "gateway", another province's gateway, or no pin at all are refused
 * before anything is scanned.
 */
class ScanPinsGatewayTest {
  @TempDir Path dir;
  final PkiDirectory pki = SharedPki.get();
  final String qr =
      new RealCodes(pki)
          .qr(
              new RealCodes(pki)
                  .payload("140000", ScanCommandTest.MARCH_20.minus(Duration.ofHours(72)))
                  .build());
  final FakeDecisionLog log = new FakeDecisionLog();
  GatewayServer gateway;

  @BeforeEach
  void start() throws Exception {
    gateway =
        GatewayServer.builder(
                GatewayOptions.builder("150000")
                    .pkiDir(pki.root())
                    .port(0)
                    .hmacKeyFile(dir.resolve("hmac.key"))
                    .build())
            .statusSource(new FakeStatusSource())
            .decisionLog(log)
            .clock(new MutableClock(ScanCommandTest.MARCH_20))
            .build();
    gateway.start();
  }

  @AfterEach
  void stop() {
    gateway.stop();
  }

  @Test
  void scan_serverPresentsACheckpointCertificate_isRefusedAndNothingIsScanned() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Server impostor =
        Grpc.newServerBuilderForPort(
                0, MtlsCredentials.server(pki, Role.CHECKPOINT, "checkpoint-1"))
            .addService(
                new RecognitionServiceGrpc.RecognitionServiceImplBase() {
                  @Override
                  public void recognize(
                      RecognizeRequest request, StreamObserver<RecognizeResponse> out) {
                    calls.incrementAndGet();
                    out.onNext(RecognizeResponse.getDefaultInstance());
                    out.onCompleted();
                  }
                })
            .build()
            .start();
    try {
      ScanCommandTest.Run r =
          ScanCommandTest.run(
              impostor.getPort(),
              pki.root(),
              "--as",
              "checkpoint-1",
              "--jurisdiction",
              "150000",
              qr);

      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err())
          .contains(
              "refused the server at localhost:" + impostor.getPort() + " (nothing was scanned)")
          .contains(
              "server identity mismatch: expected spiffe://test.codefed/gateway/150000 or "
                  + "spiffe://test.codefed/gateway/150000-<member>, "
                  + "got spiffe://test.codefed/checkpoint/checkpoint-1");
      assertThat(r.out()).isEmpty();
      assertThat(calls).hasValue(0);
      assertThat(log.records()).isEmpty();
    } finally {
      impostor.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void scan_atAnotherProvincesGateway_isRefusedWithBothIdentitiesNamed() {
    ScanCommandTest.Run r =
        ScanCommandTest.run(
            gateway.port(), pki.root(), "--as", "checkpoint-1", "--jurisdiction", "140000", qr);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "server identity mismatch: expected spiffe://test.codefed/gateway/140000 or "
                + "spiffe://test.codefed/gateway/140000-<member>, "
                + "got spiffe://test.codefed/gateway/150000");
    assertThat(log.records()).isEmpty();
  }

  @Test
  void scan_withoutAnyPin_isRefusedBeforeConnecting() {
    ScanCommandTest.Run r =
        ScanCommandTest.run(gateway.port(), pki.root(), "--as", "checkpoint-1", qr);

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("no gateway to expect: pass --jurisdiction CODE");
    assertThat(log.records()).isEmpty();
  }

  @Test
  void scan_expectGatewayNamingACheckpoint_isRefused() {
    ScanCommandTest.Run r =
        ScanCommandTest.run(
            gateway.port(),
            pki.root(),
            "--as",
            "checkpoint-1",
            "--expect-gateway",
            "spiffe://test.codefed/checkpoint/checkpoint-1",
            qr);

    assertThat(r.exit()).isNotZero();
    assertThat(r.err())
        .contains(
            "--expect-gateway: spiffe://test.codefed/checkpoint/checkpoint-1 (expected: spiffe://test.codefed/gateway/<name>)");
    assertThat(log.records()).isEmpty();
  }

  @Test
  void scan_fromACheckpointBundle_pinsTheGatewayItWasIssuedFor() {
    Path bundle = dir.resolve("checkpoint-1");
    PkiBundles.write(pki.root(), Role.CHECKPOINT, "checkpoint-1", bundle, Optional.of("150000"));

    ScanCommandTest.Run r = ScanCommandTest.run(gateway.port(), bundle, qr);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(log.records()).hasSize(1);
  }

  @Test
  void scan_expectGateway_acceptsExactlyThatIdentity() {
    ScanCommandTest.Run r =
        ScanCommandTest.run(
            gateway.port(),
            pki.root(),
            "--as",
            "checkpoint-1",
            "--expect-gateway",
            "spiffe://test.codefed/gateway/150000",
            qr);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(log.records()).hasSize(1);
  }
}
