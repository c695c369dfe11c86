package codefed.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import codefed.node.ProvinceNode;
import codefed.node.population.PopulationGenerator;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import codefed.pki.TestPki;
import codefed.time.MutableClock;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.VerifyCodeRequest;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway certificate revoked while its channel to a node is open (real mTLS, Netty on port 0):
 * once the node's re-check interval has passed (a fake wall clock moves it), the gateway's next
 * calls on the SAME channel are refused, and the node answers nothing more.
 */
class NodeRevocationTest {
  private static final Instant NOW = Instant.parse("2020-03-20T01:00:00Z");
  private static final Duration RECHECK = Duration.ofSeconds(5);
  private static final long SEED = 7;

  @TempDir Path dir;
  PkiDirectory pki;
  ProvinceNode node;
  ManagedChannel gateway;
  final MutableClock wallClock = new MutableClock(Instant.now(), ZoneOffset.ofHours(8));

  @BeforeEach
  void start() throws Exception {
    pki = TestPki.create(dir, "140000");
    new PkiInitializer(Clock.systemUTC())
        .issue(pki.root(), Role.GATEWAY, "gw-revoked", List.of(), false);
    node =
        ProvinceNode.builder()
            .province("140000")
            .pki(pki)
            .port(0)
            .clock(Clock.fixed(NOW, ZoneOffset.ofHours(8)))
            .population(10, SEED)
            .revocationCheck(wallClock, RECHECK)
            .build();
    int port = node.start();
    gateway = NodeChannels.to(port, pki, Role.GATEWAY, "gw-revoked", "140000");
  }

  @AfterEach
  void stop() throws Exception {
    gateway.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    node.close();
  }

  private Status verify() {
    var resident = new PopulationGenerator("140000", SEED).resident(3, NOW);
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ProvinceNodeServiceGrpc.newBlockingStub(gateway)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .verifyCode(
                        VerifyCodeRequest.newBuilder()
                            .setCodeId(ByteString.copyFrom(resident.codeId().toBytes()))
                            .setNonce(ByteString.copyFromUtf8("revocation-nonce"))
                            .build()));
    return e == null ? Status.OK : e.getStatus();
  }

  @Test
  void revokedGateway_onItsOpenChannel_isRefusedOnceTheBoundHasPassed() {
    assertThat(verify().getCode()).isEqualTo(Status.Code.OK);

    new PkiInitializer(Clock.systemUTC())
        .revoke(pki.root(), pki.certificate(Role.GATEWAY, "gw-revoked"));
    assertThat(verify().getCode())
        .as("the CRL is re-read at most every " + RECHECK)
        .isEqualTo(Status.Code.OK);
    wallClock.advance(RECHECK);

    Status refused = verify();
    assertThat(refused.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(refused.getDescription()).isEqualTo("certificate revoked");
    assertThat(gateway.getState(false))
        .as("refused on the connection already open")
        .isEqualTo(ConnectivityState.READY);
  }
}
