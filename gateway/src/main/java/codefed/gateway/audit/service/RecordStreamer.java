package codefed.gateway.audit.service;

import codefed.gateway.audit.AuditLog;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.ListRecordsResponse;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * Streams records [from, to) with flow control: it sends only while the transport is ready and
 * resumes from the onReady callback, so a slow auditor never makes the gateway buffer the log.
 */
final class RecordStreamer {
  private final AuditLog log;
  private final ServerCallStreamObserver<ListRecordsResponse> out;
  private final long to;
  private long next;
  private boolean done;

  RecordStreamer(
      AuditLog log, ServerCallStreamObserver<ListRecordsResponse> out, long from, long to) {
    this.log = log;
    this.out = out;
    this.next = from;
    this.to = to;
  }

  void start() {
    out.setOnCancelHandler(this::cancel);
    out.setOnReadyHandler(this::drain);
    // gRPC runs the ready handler once the call is ready, also when it already was.
  }

  private synchronized void cancel() {
    done = true;
  }

  private synchronized void drain() {
    if (done) {
      return;
    }
    try {
      while (next < to && out.isReady()) {
        out.onNext(
            ListRecordsResponse.newBuilder()
                .setSequence(next)
                .setRecord(ByteString.copyFrom(log.read(next)))
                .build());
        next++;
      }
      if (next == to) {
        done = true;
        out.onCompleted();
      }
    } catch (Exception e) {
      done = true;
      out.onError(e); // mapped by the server's status interceptor
    }
  }
}
