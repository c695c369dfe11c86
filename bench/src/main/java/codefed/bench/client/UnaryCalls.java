package codefed.bench.client;

import codefed.bench.load.AsyncCall;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongFunction;

/**
 * Unary calls of one method on async stubs: request {@code i} comes from a function of i. No
 * deadline: each call's grpc-timeout header would carry a new value that HPACK adds to its table,
 * and the encoder's lookups walk every such entry (a fifth of the generator's CPU at 3,000
 * calls/s); a call that never ends is cut when the run closes its channels, after the bounded
 * drain.
 */
public final class UnaryCalls<Q, R> implements AsyncCall {

  private final ChannelSet channels;
  private final MethodDescriptor<Q, R> method;
  private final LongFunction<Q> requests;
  private final Classifier<R> classifier;

  public UnaryCalls(
      ChannelSet channels,
      MethodDescriptor<Q, R> method,
      LongFunction<Q> requests,
      Classifier<R> classifier) {
    this.channels = channels;
    this.method = method;
    this.requests = requests;
    this.classifier = classifier;
  }

  @Override
  public List<ScheduledExecutorService> pacers() {
    return channels.loops();
  }

  @Override
  public void start(long index, Outcome outcome) {
    Q request = requests.apply(index);
    ClientCalls.asyncUnaryCall(
        channels.channel(index).newCall(method, CallOptions.DEFAULT),
        request,
        new StreamObserver<R>() {
          @Override
          public void onNext(R answer) {
            try {
              outcome.succeeded(classifier.category(index, answer));
            } catch (UnexpectedAnswer e) {
              outcome.failed(e.getMessage());
            }
          }

          @Override
          public void onError(Throwable t) {
            outcome.failed(
                t instanceof StatusRuntimeException s
                    ? s.getStatus().getCode() + ": " + s.getStatus().getDescription()
                    : t.toString());
          }

          @Override
          public void onCompleted() {
            // reported at onNext
          }
        });
  }
}
