package codefed.gateway.recognition;

import static codefed.gateway.testing.Assertions.found;
import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.audit.seal.TestSealKeys;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.status.StatusLookup;
import codefed.gateway.status.StatusSource;
import codefed.gateway.testing.FakeCodes;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.time.MutableClock;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Outcome;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The status step does not hold the scanning thread: {@link Recognizer#recognizeAsync} returns
 * while the issuer's answer is outstanding, records nothing yet, and decides once it arrives.
 */
class AsyncStatusStepTest {
  final MutableClock clock = new MutableClock(RecognizerTest.MARCH_20);
  final FakeCodes codes = new FakeCodes();
  final FakeDecisionLog log = new FakeDecisionLog();
  final CompletableFuture<StatusLookup> pending = new CompletableFuture<>();
  final StatusSource status =
      new StatusSource() {
        @Override
        public StatusLookup lookup(String issuer, byte[] codeId, Duration maxAge) {
          throw new AssertionError("the blocking lookup must not be used");
        }

        @Override
        public CompletionStage<StatusLookup> lookupAsync(
            String issuer, byte[] codeId, Duration maxAge) {
          return pending;
        }
      };
  final Recognizer recognizer =
      Recognizer.builder()
          .gateway("150000")
          .jurisdiction("150000")
          .policies(PolicyBook::shipped)
          .verifier(codes)
          .status(status)
          .log(log)
          .hasher(new CodeIdHasher(new byte[32]))
          .sealer(TestSealKeys.SEALER)
          .clock(clock)
          .build();

  private CompletableFuture<RecognitionAnswer> scan(String qr) throws InvalidRequestException {
    return recognizer
        .recognizeAsync(
            ScanRequest.of(
                "scan.",
                "checkpoint-1",
                CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                qr,
                OptionalDouble.of(36.5)))
        .toCompletableFuture();
  }

  @Test
  void answerOutstanding_scanReturnsAtOnce_nothingRecorded_decidedWhenTheAnswerArrives()
      throws Exception {
    String qr = codes.issue("140000", RecognizerTest.ISSUED);

    CompletableFuture<RecognitionAnswer> answer = scan(qr);

    assertThat(answer).isNotDone();
    assertThat(log.records()).isEmpty();
    pending.complete(found(codes.payload(qr), RecognizerTest.MARCH_20, Color.COLOR_GREEN));
    RecognitionAnswer a = answer.get(5, TimeUnit.SECONDS);
    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(a.result().offline()).isFalse();
    assertThat(log.records()).hasSize(1);
    assertThat(log.last().getNodeReachable()).isTrue();
  }

  @Test
  void statusSourceFailsLater_offlinePathFromTheSnapshot_scanNotLost() throws Exception {
    String qr =
        codes.issueWithSnapshot(
            "140000",
            RecognizerTest.ISSUED,
            Color.COLOR_GREEN,
            RecognizerTest.MARCH_20.minus(Duration.ofMinutes(5)));
    CompletableFuture<RecognitionAnswer> answer = scan(qr);

    pending.completeExceptionally(new IllegalStateException("source broke"));

    RecognitionAnswer a = answer.get(5, TimeUnit.SECONDS);
    assertThat(a.result().offline()).isTrue();
    assertThat(log.last().getNodeReachable()).isFalse();
    assertThat(log.records()).hasSize(1);
  }
}
