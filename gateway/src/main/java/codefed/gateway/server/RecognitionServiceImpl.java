package codefed.gateway.server;

import codefed.gateway.audit.receipt.ReceiptSigner;
import codefed.gateway.recognition.InvalidRequestException;
import codefed.gateway.recognition.ManualReceipt;
import codefed.gateway.recognition.ManualRequest;
import codefed.gateway.recognition.RecognitionAnswer;
import codefed.gateway.recognition.Recognizer;
import codefed.gateway.recognition.ScanRequest;
import codefed.gateway.recognition.Timestamps;
import codefed.rpc.status.Replies;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.RecognizeResponse;
import healthcode.federation.v1.RecognizeStreamRequest;
import healthcode.federation.v1.RecognizeStreamResponse;
import healthcode.federation.v1.RecordManualVerificationRequest;
import healthcode.federation.v1.RecordManualVerificationResponse;
import healthcode.federation.v1.Scan;
import healthcode.federation.v1.SignedReceipt;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;

/**
 * {@code RecognitionService}: translates requests to the {@link Recognizer}'s domain and its
 * answers back; what it throws becomes a status through the server's status mapping ({@link
 * GatewayStatusMapper}). The checkpoint id is the caller's authenticated name.
 */
public final class RecognitionServiceImpl
    extends RecognitionServiceGrpc.RecognitionServiceImplBase {
  /** Half of the default 16 stream threads. */
  static final int DEFAULT_STREAM_SCANS_PER_ISSUER = 8;

  private final Recognizer recognizer;
  private final CheckpointRateLimiter limiter;
  private final IssuerLanes streamLanes;
  private final Executor answerExecutor;
  private final ReceiptSigner receipts;

  /**
   * @param streamExecutor where {@code RecognizeStream} items are decided (in parallel, so answers
   *     may arrive out of order)
   * @param answerExecutor where unary answers are sent once their records are durable (off the
   *     audit log's writer thread)
   */
  public RecognitionServiceImpl(
      Recognizer recognizer,
      CheckpointRateLimiter limiter,
      Executor streamExecutor,
      Executor answerExecutor) {
    this(
        recognizer, limiter, streamExecutor, answerExecutor, DEFAULT_STREAM_SCANS_PER_ISSUER, null);
  }

  /**
   * @param streamScansPerIssuer {@code RecognizeStream} scans of one issuer decided at once (the
   *     rest wait without a thread): keep it below the stream executor's threads, so a slow
   *     issuer's node cannot hold them all
   * @param receipts signs each answer's audit receipt on the thread that sends it (null: answers
   *     carry only the sequence)
   */
  public RecognitionServiceImpl(
      Recognizer recognizer,
      CheckpointRateLimiter limiter,
      Executor streamExecutor,
      Executor answerExecutor,
      int streamScansPerIssuer,
      ReceiptSigner receipts) {
    this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.streamLanes =
        new IssuerLanes(
            Objects.requireNonNull(streamExecutor, "streamExecutor"), streamScansPerIssuer);
    this.answerExecutor = Objects.requireNonNull(answerExecutor, "answerExecutor");
    this.receipts = receipts;
  }

  /**
   * Decides on the calling thread, then answers from {@code answerExecutor} once the audit log has
   * made the record durable: no thread waits for the group commit.
   */
  @Override
  public void recognize(RecognizeRequest request, StreamObserver<RecognizeResponse> out) {
    Replies.run(
        out,
        () -> {
          String caller = CallerContext.name();
          limiter.acquire(caller);
          recognizer
              .recognizeAsync(scanRequest(caller, request.getScan(), "scan."))
              .whenCompleteAsync((a, failure) -> respond(out, a, failure), answerExecutor);
        });
  }

  private void respond(
      StreamObserver<RecognizeResponse> out, RecognitionAnswer answer, Throwable failure) {
    if (failure != null) {
      out.onError(failure); // mapped by the server's status interceptor
      return;
    }
    Replies.unary(out, () -> RecognizeResponse.newBuilder().setDecision(decision(answer)).build());
  }

  @Override
  public StreamObserver<RecognizeStreamRequest> recognizeStream(
      StreamObserver<RecognizeStreamResponse> out) {
    RecognizeStream stream =
        new RecognizeStream(
            (ServerCallStreamObserver<RecognizeStreamResponse>) out,
            CallerContext.name(),
            this,
            streamLanes);
    stream.start();
    return stream;
  }

  @Override
  public void recordManualVerification(
      RecordManualVerificationRequest request,
      StreamObserver<RecordManualVerificationResponse> out) {
    Replies.unary(
        out,
        () -> {
          String caller = CallerContext.name();
          limiter.acquire(caller);
          ManualReceipt receipt =
              recognizer.recordManual(
                  ManualRequest.of(
                      caller,
                      request.getMethod(),
                      request.getCheckpointType(),
                      request.getQrText(),
                      temperature(request.hasTemperatureCelsius(), request.getTemperatureCelsius()),
                      request.getOutcome(),
                      request.getMeasuresList(),
                      request.getNote()));
          RecordManualVerificationResponse.Builder b =
              RecordManualVerificationResponse.newBuilder()
                  .setAuditSequence(receipt.auditSequence())
                  .setRecordedAt(Timestamps.of(receipt.recordedAt()));
          if (receipts != null) {
            b.setReceipt(receipts.sign(receipt.auditSequence(), receipt.recordedAt()));
          }
          return b.build();
        });
  }

  /** The answer as sent, with its signed receipt when the gateway has an audit key. */
  Decision decision(RecognitionAnswer answer) {
    SignedReceipt receipt =
        receipts == null ? null : receipts.sign(answer.auditSequence(), answer.decidedAt());
    return Decisions.toProto(answer, receipt);
  }

  /** Rate limit, validation, decision: shared by the unary and the streaming call. */
  RecognitionAnswer decide(String caller, Scan scan, String fieldPrefix) throws Exception {
    limiter.acquire(caller);
    return recognizer.recognize(scanRequest(caller, scan, fieldPrefix));
  }

  private static ScanRequest scanRequest(String caller, Scan scan, String fieldPrefix)
      throws InvalidRequestException {
    return ScanRequest.of(
        fieldPrefix,
        caller,
        scan.getCheckpointType(),
        scan.getQrText(),
        temperature(scan.hasTemperatureCelsius(), scan.getTemperatureCelsius()));
  }

  private static OptionalDouble temperature(boolean present, double value) {
    return present ? OptionalDouble.of(value) : OptionalDouble.empty();
  }
}
