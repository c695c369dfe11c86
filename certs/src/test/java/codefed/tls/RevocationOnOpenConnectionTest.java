package codefed.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import codefed.pki.TestPki;
import codefed.time.MutableClock;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.VerifyCodeRequest;
import healthcode.federation.v1.VerifyCodeResponse;
import healthcode.federation.v1.WatchStatusChangesRequest;
import healthcode.federation.v1.WatchStatusChangesResponse;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate revoked while its connection is open: the next call on the SAME channel, and the
 * next message of a stream already open, are refused once the re-check interval has passed (a fake
 * clock moves it; nothing sleeps). The service never sees the refused calls.
 */
class RevocationOnOpenConnectionTest {
  static final Duration RECHECK = Duration.ofSeconds(5);

  @TempDir Path dir;
  PkiDirectory pki;
  final MutableClock clock = new MutableClock(Instant.now());
  final AtomicInteger invocations = new AtomicInteger();
  final LinkedBlockingQueue<StreamObserver<WatchStatusChangesResponse>> watchers =
      new LinkedBlockingQueue<>();
  final AtomicInteger refusedCalls = new AtomicInteger();
  Server server;
  ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    pki = TestPki.create(dir.resolve("pki"), "150000");
    CrlCache crl = CrlCache.open(pki, clock, RECHECK, CrlCache.DEFAULT_GRACE);
    RoleTable table =
        RoleTable.builder()
            .allowService(ProvinceNodeServiceGrpc.SERVICE_NAME, Role.GATEWAY)
            .build();
    server =
        Grpc.newServerBuilderForPort(
                0,
                MtlsCredentials.server(
                    pki, Role.NODE, "150000", crl, HandshakeDiagnostics.LOG_ONLY))
            .addService(
                new ProvinceNodeServiceGrpc.ProvinceNodeServiceImplBase() {
                  @Override
                  public void verifyCode(
                      VerifyCodeRequest req, StreamObserver<VerifyCodeResponse> out) {
                    invocations.incrementAndGet();
                    out.onNext(VerifyCodeResponse.getDefaultInstance());
                    out.onCompleted();
                  }

                  @Override
                  public void watchStatusChanges(
                      WatchStatusChangesRequest req,
                      StreamObserver<WatchStatusChangesResponse> out) {
                    watchers.add(out);
                  }
                })
            .intercept(
                new AuthInterceptor(
                    table, pki.trustDomain(), (m, c) -> refusedCalls.incrementAndGet(), crl))
            .build()
            .start();
    new PkiInitializer(Clock.systemUTC())
        .issue(pki.root(), Role.GATEWAY, "soon-revoked", List.of(), false);
    channel =
        Grpc.newChannelBuilderForAddress(
                "localhost",
                server.getPort(),
                MtlsCredentials.client(pki, Role.GATEWAY, "soon-revoked"))
            .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private Status.Code call() {
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ProvinceNodeServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .verifyCode(VerifyCodeRequest.getDefaultInstance()));
    if (e != null) {
      assertThat(e.getStatus().getDescription()).isEqualTo("certificate revoked");
    }
    return e == null ? Status.Code.OK : e.getStatus().getCode();
  }

  private void revoke() {
    new PkiInitializer(Clock.systemUTC())
        .revoke(pki.root(), pki.certificate(Role.GATEWAY, "soon-revoked"));
  }

  @Test
  void unaryCallsOnTheOpenChannel_areRefusedOnceTheBoundHasPassed() {
    assertThat(call()).isEqualTo(Status.Code.OK);
    assertThat(invocations).hasValue(1);

    revoke();
    clock.advance(RECHECK);

    for (int i = 0; i < 3; i++) {
      assertThat(call()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }
    assertThat(invocations).as("no refused call reached the service").hasValue(1);
    assertThat(refusedCalls).hasValue(3);
    // the refusal came on the connection that was already open, not on a new handshake
    assertThat(channel.getState(false)).isEqualTo(ConnectivityState.READY);
  }

  @Test
  void withinTheBound_theCachedCrlIsStillUsed_andTheBoundIsTheLimit() {
    assertThat(call()).isEqualTo(Status.Code.OK);
    revoke();
    clock.advance(RECHECK.minusMillis(1));
    assertThat(call()).as("the CRL is re-read at most every " + RECHECK).isEqualTo(Status.Code.OK);
    clock.advance(Duration.ofMillis(1));
    assertThat(call()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(invocations).hasValue(2);
  }

  @Test
  void anOpenStream_isClosedAtItsNextMessage() throws Exception {
    Iterator<WatchStatusChangesResponse> stream =
        ProvinceNodeServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .watchStatusChanges(WatchStatusChangesRequest.getDefaultInstance());
    StreamObserver<WatchStatusChangesResponse> out = watchers.poll(10, TimeUnit.SECONDS);
    assertThat(out).as("stream opened").isNotNull();
    out.onNext(WatchStatusChangesResponse.newBuilder().setSequence(1).build());
    assertThat(stream.next().getSequence()).isEqualTo(1);

    revoke();
    clock.advance(RECHECK);
    out.onNext(WatchStatusChangesResponse.newBuilder().setSequence(2).build());
    out.onNext(WatchStatusChangesResponse.newBuilder().setSequence(3).build());

    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, stream::hasNext);
    assertThat(e).as("no further change delivered to a revoked peer").isNotNull();
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(e.getStatus().getDescription()).isEqualTo("certificate revoked");
  }
}
