package codefed.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.node.issuance.IssueOptions;
import codefed.node.registry.CodeId;
import codefed.node.status.StatusUpdate;
import codefed.node.testing.InProcessNode;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.TestPki;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.WatchStatusChangesRequest;
import healthcode.federation.v1.WatchStatusChangesResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchStatusChangesTest {
  @TempDir static Path dir;
  static PkiDirectory pki;

  private InProcessNode fixture;
  private CodeId code;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir, InProcessNode.PROVINCE);
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void changes_arriveInOrder_withIncreasingSequences() throws Exception {
    start(b -> b);
    Watcher watcher = watch(0, 100);

    change(Reason.REASON_CLOSE_CONTACT);
    change(Reason.REASON_CROSS_CITY_TRAVEL);
    change();

    List<WatchStatusChangesResponse> seen = watcher.take(3);
    assertThat(seen)
        .extracting(WatchStatusChangesResponse::getSequence)
        .containsExactly(1L, 2L, 3L);
    assertThat(seen)
        .extracting(WatchStatusChangesResponse::getColor)
        .containsExactly(Color.COLOR_RED, Color.COLOR_YELLOW, Color.COLOR_GREEN);
    assertThat(seen.get(0).getCodeId().toByteArray()).isEqualTo(code.toBytes());
    assertThat(seen.get(0).getReasonsList()).containsExactly(Reason.REASON_CLOSE_CONTACT);
    assertThat(seen.get(0).getChangedAt().getSeconds())
        .isEqualTo(fixture.clock.instant().getEpochSecond());
  }

  @Test
  void resume_afterDisconnect_noGapAndNoDuplicate() throws Exception {
    start(b -> b);
    Watcher first = watch(0, 100);
    change(Reason.REASON_CLOSE_CONTACT);
    change(Reason.REASON_SUSPECTED);
    List<Long> seen = new ArrayList<>(sequences(first.take(2)));
    first.cancel();
    change(Reason.REASON_CONFIRMED);
    change(Reason.REASON_UNDER_QUARANTINE);
    change();

    Watcher resumed = watch(seen.get(seen.size() - 1), 100);
    seen.addAll(sequences(resumed.take(3)));
    change(Reason.REASON_SAME_BUILDING_AS_CASE);
    seen.addAll(sequences(resumed.take(1)));

    assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 6).boxed().toList());
    assertThat(resumed.events).isEmpty();
  }

  @Test
  void caughtUpStream_sendsHeartbeatsWithEpochAndHead_thenEveryInterval() throws Exception {
    start(b -> b.heartbeat(java.time.Duration.ofMillis(50)));
    change(Reason.REASON_CLOSE_CONTACT);
    change(Reason.REASON_CROSS_CITY_TRAVEL);
    Watcher watcher = watch(0, 100);

    List<WatchStatusChangesResponse> events = watcher.take(2);
    WatchStatusChangesResponse first = watcher.heartbeats.poll(5, TimeUnit.SECONDS);
    WatchStatusChangesResponse second = watcher.heartbeats.poll(5, TimeUnit.SECONDS);

    long epoch = fixture.node.core().book().feed().epoch();
    assertThat(epoch).isNotZero();
    assertThat(events).extracting(WatchStatusChangesResponse::getEpoch).containsOnly(epoch);
    assertThat(events).extracting(WatchStatusChangesResponse::getHeartbeat).containsOnly(false);
    assertThat(first).isNotNull();
    assertThat(first.getEpoch()).isEqualTo(epoch);
    assertThat(first.getHeadSequence()).isEqualTo(2);
    assertThat(first.getSequence()).isZero(); // not a change: nothing for a consumer to apply
    assertThat(first.getCodeId().isEmpty()).isTrue();
    assertThat(second).as("a periodic heartbeat within 5 s").isNotNull();
    assertThat(second.getHeadSequence()).isEqualTo(2);
    assertThat(watcher.events).isEmpty();
  }

  @Test
  void restartedNode_hasAnotherEpoch() throws Exception {
    start(b -> b);
    long before = fixture.node.core().book().feed().epoch();
    fixture.close();

    start(b -> b);

    assertThat(fixture.node.core().book().feed().epoch()).isNotZero().isNotEqualTo(before);
  }

  @Test
  void slowConsumer_isCutOffWithResourceExhausted_andResumesWithoutLoss() throws Exception {
    start(b -> b.subscriberBuffer(2));
    Watcher slow = watch(0, 1);
    change(Reason.REASON_CLOSE_CONTACT);
    assertThat(sequences(slow.take(1))).containsExactly(1L);

    for (int i = 0; i < 10; i++) {
      change(i % 2 == 0 ? Reason.REASON_CONFIRMED : Reason.REASON_SUSPECTED);
    }

    Status status = slow.end.get(5, TimeUnit.SECONDS);
    assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(status.getDescription()).contains("from_sequence=1");
    assertThat(slow.trailers.get(5, TimeUnit.SECONDS).get(NodeStatusMapper.RESUME_FROM))
        .isEqualTo("1");
    Watcher resumed = watch(1, 100);
    assertThat(sequences(resumed.take(10)))
        .containsExactlyElementsOf(LongStream.rangeClosed(2, 11).boxed().toList());
  }

  @Test
  void fromSequenceNoLongerRetained_outOfRange_withTheHeadToResumeFrom() throws Exception {
    start(b -> b.changeRetention(2));
    for (int i = 0; i < 5; i++) {
      change(i % 2 == 0 ? Reason.REASON_CONFIRMED : Reason.REASON_SUSPECTED);
    }

    Watcher stale = watch(1, 100);

    assertThat(stale.end.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
    assertThat(stale.trailers.get(5, TimeUnit.SECONDS).get(NodeStatusMapper.RESUME_FROM))
        .isEqualTo("5");
  }

  @Test
  void negativeFromSequence_invalidArgument() throws Exception {
    start(b -> b);

    Status status = watch(-1, 1).end.get(5, TimeUnit.SECONDS);

    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).isEqualTo("from_sequence: -1 (expected: >= 0)");
  }

  @Test
  void nodeTakenDown_streamEndsUnavailable() throws Exception {
    start(b -> b);
    Watcher watcher = watch(0, 100);
    change(Reason.REASON_CLOSE_CONTACT);
    watcher.take(1);

    fixture.node.faults().down();

    assertThat(watcher.end.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void nodeShutdown_streamCompletesNormally() throws Exception {
    start(b -> b);
    Watcher watcher = watch(0, 100);
    change(Reason.REASON_CLOSE_CONTACT);
    watcher.take(1);

    fixture.node.close();

    assertThat(watcher.end.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OK);
  }

  private void start(UnaryOperator<codefed.node.ProvinceNode.Builder> settings) throws Exception {
    fixture = new InProcessNode(pki, settings);
    code = fixture.node.issue(IssueOptions.builder().build()).codeId();
  }

  private void change(Reason... reasons) throws Exception {
    fixture.node.update(code, StatusUpdate.findings(Set.of(reasons)));
  }

  private Watcher watch(long from, int initialRequest) {
    Watcher watcher = new Watcher(initialRequest);
    fixture
        .async(Role.GATEWAY)
        .watchStatusChanges(
            WatchStatusChangesRequest.newBuilder().setFromSequence(from).build(), watcher);
    return watcher;
  }

  private static List<Long> sequences(List<WatchStatusChangesResponse> events) {
    return events.stream().map(WatchStatusChangesResponse::getSequence).toList();
  }

  /**
   * Collects a stream; requests {@code initialRequest} messages. Heartbeats go to their own queue
   * and give their request back, so flow control counts changes only.
   */
  static final class Watcher
      implements ClientResponseObserver<WatchStatusChangesRequest, WatchStatusChangesResponse> {
    final BlockingQueue<WatchStatusChangesResponse> events = new LinkedBlockingQueue<>();
    final BlockingQueue<WatchStatusChangesResponse> heartbeats = new LinkedBlockingQueue<>();
    final CompletableFuture<Status> end = new CompletableFuture<>();
    final CompletableFuture<Metadata> trailers = new CompletableFuture<>();
    private final int initialRequest;
    private ClientCallStreamObserver<WatchStatusChangesRequest> call;

    Watcher(int initialRequest) {
      this.initialRequest = initialRequest;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchStatusChangesRequest> requestStream) {
      call = requestStream;
      requestStream.disableAutoRequestWithInitial(initialRequest);
    }

    List<WatchStatusChangesResponse> take(int n) throws InterruptedException {
      List<WatchStatusChangesResponse> taken = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        WatchStatusChangesResponse next = events.poll(5, TimeUnit.SECONDS);
        assertThat(next).as("event %d of %d within 5 s", i + 1, n).isNotNull();
        taken.add(next);
      }
      return taken;
    }

    void cancel() {
      call.cancel("test disconnects", null);
    }

    @Override
    public void onNext(WatchStatusChangesResponse value) {
      if (value.getHeartbeat()) {
        heartbeats.add(value);
        call.request(1);
      } else {
        events.add(value);
      }
    }

    @Override
    public void onError(Throwable t) {
      trailers.complete(Status.trailersFromThrowable(t));
      end.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      trailers.complete(new Metadata());
      end.complete(Status.OK);
    }
  }
}
