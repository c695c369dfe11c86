package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import codefed.bench.client.UnaryCalls;
import codefed.bench.client.UnexpectedAnswer;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.RecognizeResponse;
import healthcode.federation.v1.Scan;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Scans as a traffic checkpoint sends them, and how their decisions are counted: answered from the
 * gateway's cache or after a node hop. Anything else (MANUAL_VERIFICATION because a node was shed
 * or unreachable, REJECT, …) means the scenario is not measuring what it claims: a failure.
 */
final class Scans {
  static final int NODE = 0;
  static final int CACHE = 1;
  static final List<String> CATEGORIES = List.of("node", "cache");

  private Scans() {}

  static RecognizeRequest request(String qrText) {
    return RecognizeRequest.newBuilder()
        .setScan(
            Scan.newBuilder()
                .setQrText(qrText)
                .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
                .setTemperatureCelsius(36.5))
        .build();
  }

  static int category(Decision d) {
    if (d.getOutcome() != Outcome.OUTCOME_PASS && d.getOutcome() != Outcome.OUTCOME_CONTROL) {
      throw new UnexpectedAnswer(d.getOutcome().name() + ": " + d.getExplanation());
    }
    return d.getFromCache() ? CACHE : NODE;
  }

  /**
   * Unary Recognize calls cycling through {@code pool}, requests built once (less garbage per
   * call).
   */
  static UnaryCalls<RecognizeRequest, RecognizeResponse> repeated(
      ChannelSet channels, CodePool pool) {
    RecognizeRequest[] requests =
        pool.all().stream().map(Scans::request).toArray(RecognizeRequest[]::new);
    return new UnaryCalls<>(
        channels,
        RecognitionServiceGrpc.getRecognizeMethod(),
        i -> requests[(int) (i % requests.length)],
        (i, r) -> category(r.getDecision()));
  }

  /** Unary Recognize calls; QR text number i from {@code codes}; null means the pool ran dry. */
  static UnaryCalls<RecognizeRequest, RecognizeResponse> unary(
      ChannelSet channels, LongFunction<String> codes) {
    return unary(channels, codes, new DegradedDecisions());
  }

  /**
   * As {@link #unary(ChannelSet, LongFunction)}, also counting into {@code degraded} every decision
   * made offline or MANUAL_VERIFICATION (warm-up included): with a healthy node, each is a scan the
   * gateway shed or timed out instead of asking the node.
   */
  static UnaryCalls<RecognizeRequest, RecognizeResponse> unary(
      ChannelSet channels, LongFunction<String> codes, DegradedDecisions degraded) {
    return new UnaryCalls<>(
        channels,
        RecognitionServiceGrpc.getRecognizeMethod(),
        i -> {
          String qr = codes.apply(i);
          if (qr == null) {
            throw new IllegalStateException("code pool exhausted");
          }
          return request(qr);
        },
        (i, r) -> {
          Decision d = r.getDecision();
          degraded.observe(d);
          return category(d);
        });
  }
}
