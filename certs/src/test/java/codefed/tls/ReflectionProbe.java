package codefed.tls;

import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A reflection client as grpcurl is one: asks a server to list its services over reflection v1 or
 * the older v1alpha (a separate wire protocol that many tools still speak).
 */
public final class ReflectionProbe {
  private ReflectionProbe() {}

  public static List<String> listV1(Channel channel) throws Exception {
    CompletableFuture<io.grpc.reflection.v1.ServerReflectionResponse> answer =
        new CompletableFuture<>();
    StreamObserver<io.grpc.reflection.v1.ServerReflectionRequest> requests =
        io.grpc.reflection.v1.ServerReflectionGrpc.newStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .serverReflectionInfo(observer(answer));
    requests.onNext(
        io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("*").build());
    requests.onCompleted();
    List<String> names = new ArrayList<>();
    answer
        .get(10, TimeUnit.SECONDS)
        .getListServicesResponse()
        .getServiceList()
        .forEach(s -> names.add(s.getName()));
    return names;
  }

  @SuppressWarnings("deprecation") // the v1alpha protocol is what older tools speak
  public static List<String> listV1alpha(Channel channel) throws Exception {
    CompletableFuture<io.grpc.reflection.v1alpha.ServerReflectionResponse> answer =
        new CompletableFuture<>();
    StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> requests =
        io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .serverReflectionInfo(observer(answer));
    requests.onNext(
        io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
            .setListServices("*")
            .build());
    requests.onCompleted();
    List<String> names = new ArrayList<>();
    answer
        .get(10, TimeUnit.SECONDS)
        .getListServicesResponse()
        .getServiceList()
        .forEach(s -> names.add(s.getName()));
    return names;
  }

  private static <T> StreamObserver<T> observer(CompletableFuture<T> first) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        first.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        first.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        first.completeExceptionally(new IllegalStateException("stream ended without an answer"));
      }
    };
  }
}
