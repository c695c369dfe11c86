package codefed.rpc.status;

import io.grpc.stub.StreamObserver;

/**
 * The one shape of a {@code StreamObserver} handler: the body returns the answer or throws, and
 * whatever it throws (checked or not) ends the call through the server's {@link
 * StatusExceptionInterceptor}, so no handler maps statuses itself.
 */
public final class Replies {
  private Replies() {}

  /** A handler body that answers once. */
  @FunctionalInterface
  public interface Answer<T> {
    T get() throws Exception;
  }

  /** A handler body that sends (or arranges to send) its own messages. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  /** Sends the body's answer and completes, or ends the call with what it threw. */
  public static <T> void unary(StreamObserver<T> out, Answer<T> body) {
    T answer;
    try {
      answer = body.get();
    } catch (Exception e) {
      out.onError(e);
      return;
    }
    out.onNext(answer);
    out.onCompleted();
  }

  /** Runs a body that answers by itself (a stream, a later answer); ends the call if it throws. */
  public static void run(StreamObserver<?> out, Body body) {
    try {
      body.run();
    } catch (Exception e) {
      out.onError(e);
    }
  }
}
