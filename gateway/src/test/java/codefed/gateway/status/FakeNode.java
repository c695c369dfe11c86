package codefed.gateway.status;

import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import healthcode.federation.v1.VerifyCodeRequest;
import healthcode.federation.v1.VerifyCodeResponse;
import healthcode.federation.v1.WatchStatusChangesRequest;
import healthcode.federation.v1.WatchStatusChangesResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** A scriptable province node: answers VerifyCode with signed assertions and streams changes. */
final class FakeNode extends ProvinceNodeServiceGrpc.ProvinceNodeServiceImplBase {
  /** How the next VerifyCode call is answered. */
  enum Behavior {
    ANSWER,
    UNAVAILABLE,
    INTERNAL,
    INVALID_ARGUMENT,
    RESOURCE_EXHAUSTED,
    /** Never answers; the caller hits its deadline (or the test answers via {@link #hanging}). */
    HANG,
    /** Signed with another province's key. */
    FOREIGN_KEY,
    WRONG_NONCE,
    WRONG_CODE,
    /** Signed with the issuer's own key but names another issuer. */
    WRONG_ISSUER_FIELD,
    NO_ASSERTION,
    /** Answer 2 of a batch of 5 signed together with the issuer's key (accepted). */
    BATCH,
    /** A batch answer carrying the inclusion proof of another answer of its batch. */
    BATCH_OTHER_PROOF,
    /** A batch answer whose tree size is 0. */
    BATCH_NO_SIZE,
    /** A batch signed with another province's key. */
    FOREIGN_BATCH
  }

  /** A held VerifyCode call. */
  record Held(VerifyCodeRequest request, StreamObserver<VerifyCodeResponse> response) {}

  final String issuer;
  final AtomicInteger verifyCalls = new AtomicInteger();
  final AtomicLong statusSequence = new AtomicLong();

  /** The stream epoch every item carries; a test sets a new one to play a restarted node. */
  volatile long epoch = 0x5eed_0001L;

  /**
   * Plays a half-open connection: streams opened from now on get nothing, not even a heartbeat, and
   * {@link #heartbeat} sends nothing.
   */
  volatile boolean mute;

  final Map<ByteString, Color> colors = new ConcurrentHashMap<>();
  final Queue<Behavior> script = new ConcurrentLinkedQueue<>();
  final BlockingQueue<Long> watchRequests = new LinkedBlockingQueue<>();
  final BlockingQueue<Held> hanging = new LinkedBlockingQueue<>();
  volatile Behavior behavior = Behavior.ANSWER;
  volatile Duration validFor = Duration.ofHours(1);

  /** How far the node's clock runs ahead of the test clock. */
  volatile Duration clockAhead = Duration.ZERO;

  /** Runs inside VerifyCode before the answer is built (e.g. to publish a change meanwhile). */
  volatile Consumer<VerifyCodeRequest> beforeAnswer = r -> {};

  private final TestSigning signing;
  private final Clock clock;
  private final List<StreamObserver<WatchStatusChangesResponse>> watchers =
      new CopyOnWriteArrayList<>();

  FakeNode(String issuer, TestSigning signing, Clock clock) {
    this.issuer = issuer;
    this.signing = signing;
    this.clock = clock;
  }

  @Override
  public void verifyCode(VerifyCodeRequest req, StreamObserver<VerifyCodeResponse> out) {
    verifyCalls.incrementAndGet();
    Behavior b = script.poll();
    if (b == null) {
      b = behavior;
    }
    switch (b) {
      case UNAVAILABLE -> out.onError(Status.UNAVAILABLE.withDescription("down").asException());
      case INTERNAL -> out.onError(Status.INTERNAL.asException());
      case INVALID_ARGUMENT -> out.onError(Status.INVALID_ARGUMENT.asException());
      case RESOURCE_EXHAUSTED -> out.onError(Status.RESOURCE_EXHAUSTED.asException());
      case HANG -> hanging.add(new Held(req, out));
      case NO_ASSERTION -> {
        out.onNext(VerifyCodeResponse.getDefaultInstance());
        out.onCompleted();
      }
      default -> {
        beforeAnswer.accept(req);
        answer(req, out, b);
      }
    }
  }

  /** Answers a held call normally. */
  void answer(Held held) {
    answer(held.request(), held.response(), Behavior.ANSWER);
  }

  private void answer(VerifyCodeRequest req, StreamObserver<VerifyCodeResponse> out, Behavior b) {
    StatusAssertion.Builder a = assertionFor(req.getCodeId(), req.getNonce());
    String keyOwner = issuer;
    switch (b) {
      case FOREIGN_KEY -> keyOwner = "140000".equals(issuer) ? "150000" : "140000";
      case WRONG_NONCE -> a.setNonce(ByteString.copyFrom(new byte[16]));
      case WRONG_CODE -> a.setCodeId(ByteString.copyFrom(new byte[16]));
      case WRONG_ISSUER_FIELD -> a.setIssuer("140000".equals(issuer) ? "150000" : "140000");
      default -> {}
    }
    String foreign = "140000".equals(issuer) ? "150000" : "140000";
    SignedAssertion signed =
        switch (b) {
          case BATCH -> signing.signInBatch(keyOwner, a.build(), 2, 5);
          case BATCH_OTHER_PROOF -> {
            SignedAssertion own = signing.signInBatch(keyOwner, a.build(), 2, 5);
            yield own.toBuilder()
                .setBatch(signing.signInBatch(keyOwner, a.build(), 3, 5).getBatch())
                .build();
          }
          case BATCH_NO_SIZE -> {
            SignedAssertion own = signing.signInBatch(keyOwner, a.build(), 2, 5);
            yield own.toBuilder().setBatch(own.getBatch().toBuilder().setTreeSize(0)).build();
          }
          case FOREIGN_BATCH -> signing.signInBatch(foreign, a.build(), 2, 5);
          default -> signing.sign(keyOwner, a.build());
        };
    out.onNext(VerifyCodeResponse.newBuilder().setAssertion(signed).build());
    out.onCompleted();
  }

  StatusAssertion.Builder assertionFor(ByteString codeId, ByteString nonce) {
    Instant now = clock.instant().plus(clockAhead);
    return StatusAssertion.newBuilder()
        .setIssuer(issuer)
        .setCodeId(codeId)
        .setState(CodeState.CODE_STATE_ACTIVE)
        .setColor(colors.getOrDefault(codeId, Color.COLOR_GREEN))
        .setAssertedAt(ts(now))
        .setValidUntil(ts(now.plus(validFor)))
        .setNonce(nonce)
        .setStatusSequence(statusSequence.get());
  }

  @Override
  public void watchStatusChanges(
      WatchStatusChangesRequest req, StreamObserver<WatchStatusChangesResponse> out) {
    if (mute) {
      watchRequests.add(req.getFromSequence());
      return;
    }
    // As a real node does once caught up: a heartbeat naming the epoch and the head.
    out.onNext(heartbeatItem());
    watchers.add(out);
    watchRequests.add(req.getFromSequence());
  }

  /** Sends a heartbeat (epoch, head = current status sequence) to every open stream. */
  void heartbeat() {
    if (mute) {
      return;
    }
    WatchStatusChangesResponse beat = heartbeatItem();
    watchers.forEach(w -> w.onNext(beat));
  }

  private WatchStatusChangesResponse heartbeatItem() {
    return WatchStatusChangesResponse.newBuilder()
        .setHeartbeat(true)
        .setEpoch(epoch)
        .setHeadSequence(statusSequence.get())
        .build();
  }

  /** Sets the code's color and publishes the change with the next sequence. */
  long change(byte[] codeId, Color color) {
    colors.put(ByteString.copyFrom(codeId), color);
    long seq = statusSequence.incrementAndGet();
    publish(seq, codeId, color);
    return seq;
  }

  /** Sends one event to every open stream, whatever its sequence (to simulate gaps). */
  void publish(long sequence, byte[] codeId, Color color) {
    WatchStatusChangesResponse event =
        WatchStatusChangesResponse.newBuilder()
            .setEpoch(epoch)
            .setSequence(sequence)
            .setCodeId(ByteString.copyFrom(codeId))
            .setState(CodeState.CODE_STATE_ACTIVE)
            .setColor(color)
            .setChangedAt(ts(clock.instant()))
            .build();
    watchers.forEach(w -> w.onNext(event));
  }

  /** Ends every open stream with {@code status}. */
  void endStreams(Status status) {
    List<StreamObserver<WatchStatusChangesResponse>> open = List.copyOf(watchers);
    watchers.clear();
    open.forEach(w -> w.onError(status.asException()));
  }

  int openStreams() {
    return watchers.size();
  }

  private static Timestamp ts(Instant i) {
    return ProtoTime.timestamp(i);
  }
}
