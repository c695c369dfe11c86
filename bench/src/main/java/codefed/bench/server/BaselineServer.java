package codefed.bench.server;

import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.RecognizeResponse;
import healthcode.federation.v1.RecognizeStreamRequest;
import healthcode.federation.v1.RecognizeStreamResponse;
import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;

/**
 * The yardstick: a RecognitionService over the same mutual TLS as the gateway (client certificate
 * required, same identity) that does no work and returns a fixed answer of the gateway's response
 * size. What this reaches is what grpc-java and TLS allow on this machine: a bare grpc-java unary
 * echo, calls run on the transport threads ({@code directExecutor()}) of the default event loops,
 * no pool. A ratio to it includes the gateway's choice of executor.
 */
final class BaselineServer implements ServerRole {
  private final PkiDirectory pki;
  private final String identity;
  private final RecognizeResponse answer;
  private Server server;

  BaselineServer(PkiDirectory pki, String identity, RecognizeResponse answer) {
    this.pki = pki;
    this.identity = identity;
    this.answer = answer;
  }

  @Override
  public String start() throws Exception {
    server =
        Grpc.newServerBuilderForPort(0, MtlsCredentials.server(pki, Role.GATEWAY, identity))
            .directExecutor()
            .addService(new FixedAnswers(answer))
            .build()
            .start();
    return "{\"port\":"
        + server.getPort()
        + ",\"response_bytes\":"
        + answer.getSerializedSize()
        + "}";
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdown();
      try {
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
          server.shutdownNow();
        }
      } catch (InterruptedException e) {
        server.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Answers every scan with the same decision. */
  private static final class FixedAnswers
      extends RecognitionServiceGrpc.RecognitionServiceImplBase {
    private final RecognizeResponse answer;

    FixedAnswers(RecognizeResponse answer) {
      this.answer = answer;
    }

    @Override
    public void recognize(RecognizeRequest request, StreamObserver<RecognizeResponse> out) {
      out.onNext(answer);
      out.onCompleted();
    }

    @Override
    public StreamObserver<RecognizeStreamRequest> recognizeStream(
        StreamObserver<RecognizeStreamResponse> out) {
      return new StreamObserver<>() {
        @Override
        public void onNext(RecognizeStreamRequest r) {
          out.onNext(
              RecognizeStreamResponse.newBuilder()
                  .setRequestId(r.getRequestId())
                  .setDecision(answer.getDecision())
                  .build());
        }

        @Override
        public void onError(Throwable t) {
          // the client went away
        }

        @Override
        public void onCompleted() {
          out.onCompleted();
        }
      };
    }
  }
}
