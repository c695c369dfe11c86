package codefed.bench.client;

import codefed.bench.load.AsyncCall;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeStreamRequest;
import healthcode.federation.v1.RecognizeStreamResponse;
import healthcode.federation.v1.Scan;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Scans over long-lived RecognizeStream calls, one per channel: operation i is sent on stream i mod
 * n with request id i and completes when the answer with that id arrives (in any order).
 */
public final class StreamCalls implements AsyncCall, AutoCloseable {
  private final List<StreamObserver<RecognizeStreamRequest>> requests;
  private final Map<String, Outcome> pending = new ConcurrentHashMap<>();
  private final LongFunction<Scan> scans;
  private final Classifier<RecognizeStreamResponse> classifier;
  private final CountDownLatch ended;
  private final List<ScheduledExecutorService> pacers;

  public StreamCalls(
      ChannelSet channels,
      LongFunction<Scan> scans,
      Classifier<RecognizeStreamResponse> classifier) {
    this.scans = scans;
    this.classifier = classifier;
    this.ended = new CountDownLatch(channels.size());
    List<StreamObserver<RecognizeStreamRequest>> open = new ArrayList<>();
    for (int k = 0; k < channels.size(); k++) {
      open.add(RecognitionServiceGrpc.newStub(channels.channel(k)).recognizeStream(new Answers()));
    }
    this.requests = List.copyOf(open);
    this.pacers = channels.loops();
  }

  /** Operation i goes to stream i mod n, on channel i mod n: as for unary calls. */
  @Override
  public List<ScheduledExecutorService> pacers() {
    return pacers;
  }

  @Override
  public void start(long index, Outcome outcome) {
    String id = Long.toString(index);
    pending.put(id, outcome);
    RecognizeStreamRequest r =
        RecognizeStreamRequest.newBuilder().setRequestId(id).setScan(scans.apply(index)).build();
    StreamObserver<RecognizeStreamRequest> stream = requests.get((int) (index % requests.size()));
    synchronized (stream) { // a StreamObserver is not thread-safe
      stream.onNext(r);
    }
  }

  /** Half-closes every stream and waits (bounded) for the server to end them. */
  @Override
  public void close() {
    for (StreamObserver<RecognizeStreamRequest> s : requests) {
      synchronized (s) {
        s.onCompleted();
      }
    }
    try {
      ended.await(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Answers implements StreamObserver<RecognizeStreamResponse> {
    @Override
    public void onNext(RecognizeStreamResponse r) {
      Outcome o = pending.remove(r.getRequestId());
      if (o == null) {
        return;
      }
      if (r.hasError()) {
        o.failed("item error " + r.getError().getCode() + ": " + r.getError().getMessage());
        return;
      }
      try {
        o.succeeded(classifier.category(Long.parseLong(r.getRequestId()), r));
      } catch (UnexpectedAnswer e) {
        o.failed(e.getMessage());
      }
    }

    @Override
    public void onError(Throwable t) {
      String why = "stream failed: " + t;
      pending
          .values()
          .removeIf(
              o -> {
                o.failed(why);
                return true;
              });
      ended.countDown();
    }

    @Override
    public void onCompleted() {
      ended.countDown();
    }
  }
}
