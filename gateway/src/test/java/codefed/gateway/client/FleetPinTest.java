package codefed.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.testing.SharedPki;
import codefed.pki.GatewayFleet;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import codefed.tls.ServerPin;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.RecognizeResponse;
import healthcode.federation.v1.Scan;
import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fleet pin over real mTLS: a checkpoint of 150000 talks to {@code gateway/150000} and {@code
 * gateway/150000-<member>}, and to nothing else that holds a federation certificate — another
 * province's gateway, a look-alike name, a node or a checkpoint's stolen key. A refused server is
 * never called.
 */
class FleetPinTest {
  final PkiDirectory pki = SharedPki.get();
  final ServerPin pin = ServerPin.gatewayFleet(pki.trustDomain(), "150000");

  @ParameterizedTest
  @ValueSource(strings = {"150000", "150000-a", "150000-b2"})
  void fleetPin_gatewayOfTheJurisdiction_isCalled(String name) throws Exception {
    FleetGateways.ensureIdentity(pki, name);
    AtomicInteger calls = new AtomicInteger();
    Server server = serve(Role.GATEWAY, name, calls);
    try (GatewayClient client = client(server)) {
      client.recognize(scan(), Duration.ofSeconds(10));
    } finally {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(calls).hasValue(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gateway/140000",
        "gateway/1500001",
        "gateway/150000-A",
        "node/150000",
        "checkpoint/checkpoint-1"
      })
  void fleetPin_anyOtherServer_isRefusedInTheHandshakeAndNeverCalled(String identity)
      throws Exception {
    Role role = Role.fromPathSegment(identity.substring(0, identity.indexOf('/')));
    String name = identity.substring(identity.indexOf('/') + 1);
    if (role == Role.GATEWAY) {
      FleetGateways.ensureIdentity(pki, name);
    }
    AtomicInteger calls = new AtomicInteger();
    Server server = serve(role, name, calls);
    try (GatewayClient client = client(server)) {
      assertThatThrownBy(() -> client.recognize(scan(), Duration.ofSeconds(10)))
          .isInstanceOf(StatusRuntimeException.class)
          .hasStackTraceContaining(
              "server identity mismatch: expected spiffe://"
                  + pki.trustDomain()
                  + "/gateway/150000 or spiffe://"
                  + pki.trustDomain()
                  + "/gateway/150000-<member>, got spiffe://"
                  + pki.trustDomain()
                  + "/"
                  + identity);
    } finally {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void namingRule_memberIsLowerCaseLettersAndDigitsAfterOneDash() {
    assertThat(GatewayFleet.isMember("150000", "150000")).isTrue();
    assertThat(GatewayFleet.isMember("150000", "150000-7")).isTrue();
    assertThat(GatewayFleet.isMember("150000", "150000-")).isFalse();
    assertThat(GatewayFleet.isMember("150000", "150000-a-b")).isFalse();
    assertThat(GatewayFleet.isMember("150000", "150000.a")).isFalse();
    assertThat(GatewayFleet.isMember("150000", "140000-a")).isFalse();
    assertThat(GatewayFleet.memberName("150000", "c")).isEqualTo("150000-c");
    assertThatThrownBy(() -> GatewayFleet.memberName("150000", "C"))
        .hasMessage("member: \"C\" (expected: 1-16 lower-case letters or digits)");
  }

  private GatewayClient client(Server server) {
    return GatewayClient.connect(
        new GatewayAddresses(List.of("localhost:" + server.getPort())), pki, "checkpoint-1", pin);
  }

  private Server serve(Role role, String name, AtomicInteger calls) throws Exception {
    return Grpc.newServerBuilderForPort(0, MtlsCredentials.server(pki, role, name))
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
  }

  private static Scan scan() {
    return Scan.newBuilder()
        .setQrText("HCF1:X")
        .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
        .build();
  }
}
