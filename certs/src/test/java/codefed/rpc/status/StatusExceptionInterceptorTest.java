package codefed.rpc.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mapping as a client sees it, through a gRPC server (in-process transport). */
class StatusExceptionInterceptorTest {
  static final class NotReady extends Exception {
    private static final long serialVersionUID = 1L;

    NotReady() {
      super("service: not ready (expected: a started service)");
    }
  }

  static final ExceptionStatusMapper MAPPER =
      ExceptionStatusMapper.builder("test")
          .map(
              NotReady.class,
              e ->
                  RpcError.of(Status.Code.FAILED_PRECONDITION, e.getMessage())
                      .reason("NOT_READY")
                      .withFieldOf(e.getMessage()))
          .map(IllegalArgumentException.class, Status.Code.INVALID_ARGUMENT)
          .build();

  /** What the handler does; each test sets it. */
  final AtomicReference<Runnable> behaviour = new AtomicReference<>();

  final AtomicReference<StreamObserver<HealthCheckResponse>> observer = new AtomicReference<>();
  Server server;
  ManagedChannel channel;

  HealthGrpc.HealthBlockingStub start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(
                new HealthGrpc.HealthImplBase() {
                  @Override
                  public void check(
                      HealthCheckRequest request, StreamObserver<HealthCheckResponse> out) {
                    observer.set(out);
                    behaviour.get().run();
                  }
                })
            .intercept(new StatusExceptionInterceptor(MAPPER))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  StatusRuntimeException call(Runnable handler) throws Exception {
    behaviour.set(handler);
    HealthGrpc.HealthBlockingStub stub = start();
    return catchThrowableOfType(
        StatusRuntimeException.class, () -> stub.check(HealthCheckRequest.getDefaultInstance()));
  }

  @Test
  void thrownDomainException_reachesTheClientAsItsCodeAndMessage() throws Exception {
    StatusRuntimeException e =
        call(
            () -> {
              throw new IllegalArgumentException("service: \"x\" (expected: a service name)");
            });

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("service: \"x\" (expected: a service name)");
  }

  @Test
  void checkedExceptionPassedToOnError_isMappedWithErrorInfo() throws Exception {
    StatusRuntimeException e =
        call(
            () ->
                Replies.unary(
                    observer.get(),
                    () -> {
                      throw new NotReady();
                    }));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("service: not ready (expected: a started service)");
    ErrorInfo info = StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("NOT_READY");
    assertThat(info.getDomain()).isEqualTo("codefed");
    assertThat(info.getMetadataMap()).containsEntry("field", "service");
  }

  @Test
  void unforeseenFailure_isInternal_withoutItsMessageOrStackTrace() throws Exception {
    StatusRuntimeException e =
        call(
            () -> {
              throw new IllegalStateException("secret key /etc/codefed/hmac.key unreadable");
            });

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(e.getStatus().getDescription()).isEqualTo("internal error");
    assertThat(e.getTrailers().toString())
        .doesNotContain("hmac.key")
        .doesNotContain("IllegalStateException");
  }

  @Test
  void statusEndedByTheHandler_isLeftAsItIs() throws Exception {
    StatusRuntimeException e =
        call(
            () ->
                observer
                    .get()
                    .onError(
                        Status.NOT_FOUND.withDescription("unknown service").asRuntimeException()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription()).isEqualTo("unknown service");
  }

  @Test
  void answer_isSentUnchanged() throws Exception {
    behaviour.set(
        () ->
            Replies.unary(
                observer.get(),
                () ->
                    HealthCheckResponse.newBuilder()
                        .setStatus(HealthCheckResponse.ServingStatus.SERVING)
                        .build()));

    assertThat(start().check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }
}
