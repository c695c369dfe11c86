package codefed.gateway.server;

import healthcode.federation.v1.ItemError;
import healthcode.federation.v1.RecognizeStreamRequest;
import healthcode.federation.v1.RecognizeStreamResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.RejectedExecutionException;

/**
 * One {@code RecognizeStream} call. Flow-controlled both ways: at most {@link #WINDOW} scans are
 * requested from the client and in flight at once, and no more are requested while the client is
 * not reading answers. Scans are decided on an executor, so answers may come out of order, a few
 * per issuer at once ({@link IssuerLanes}); a bad item gets a per-item error and the stream goes
 * on.
 */
final class RecognizeStream implements StreamObserver<RecognizeStreamRequest> {
  static final int WINDOW = 16;

  private final ServerCallStreamObserver<RecognizeStreamResponse> out;
  private final String caller;
  private final RecognitionServiceImpl service;
  private final IssuerLanes executor;
  private int inFlight;
  private int owedRequests;
  private boolean halfClosed;
  private boolean done;

  RecognizeStream(
      ServerCallStreamObserver<RecognizeStreamResponse> out,
      String caller,
      RecognitionServiceImpl service,
      IssuerLanes executor) {
    this.out = out;
    this.caller = caller;
    this.service = service;
    this.executor = executor;
  }

  /** Must run before the service method returns. */
  void start() {
    out.disableAutoRequest();
    out.setOnReadyHandler(this::onReady);
    out.setOnCancelHandler(
        () -> {
          synchronized (this) {
            done = true;
          }
        });
    out.request(WINDOW);
  }

  @Override
  public void onNext(RecognizeStreamRequest item) {
    synchronized (this) {
      inFlight++;
    }
    Runnable rejected =
        () ->
            send(
                RecognizeStreamResponse.newBuilder()
                    .setRequestId(item.getRequestId())
                    .setError(
                        error(
                            GatewayStatusMapper.MAPPER.toStatus(
                                new RejectedExecutionException("shutting down"))))
                    .build());
    try {
      executor.execute(item.getScan().getQrText(), () -> answer(item), rejected);
    } catch (RejectedExecutionException e) {
      rejected.run();
    }
  }

  private void answer(RecognizeStreamRequest item) {
    RecognizeStreamResponse.Builder response =
        RecognizeStreamResponse.newBuilder().setRequestId(item.getRequestId());
    try {
      response.setDecision(service.decision(service.decide(caller, item.getScan(), "scan.")));
    } catch (Exception e) {
      response.setError(error(GatewayStatusMapper.MAPPER.toStatus(e)));
    }
    send(response.build());
  }

  private static ItemError error(Status status) {
    return ItemError.newBuilder()
        .setCode(status.getCode().value())
        .setMessage(status.getDescription() == null ? "" : status.getDescription())
        .build();
  }

  private synchronized void send(RecognizeStreamResponse response) {
    inFlight--;
    if (done) {
      return;
    }
    out.onNext(response);
    if (out.isReady()) {
      out.request(1);
    } else {
      owedRequests++;
    }
    completeIfDrained();
  }

  private synchronized void onReady() {
    if (!done && owedRequests > 0) {
      out.request(owedRequests);
      owedRequests = 0;
    }
  }

  @Override
  public synchronized void onError(Throwable t) {
    done = true;
  }

  @Override
  public synchronized void onCompleted() {
    halfClosed = true;
    completeIfDrained();
  }

  private void completeIfDrained() {
    if (halfClosed && inFlight == 0 && !done) {
      done = true;
      out.onCompleted();
    }
  }
}
