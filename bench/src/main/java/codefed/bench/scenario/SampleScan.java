package codefed.bench.scenario;

import codefed.time.ProtoTime;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.RecognizeResponse;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.Scan;
import java.time.Instant;

/**
 * A scan and the gateway's answer to it. The baseline sends this request and returns this answer,
 * so its messages have the gateway's sizes. A real pair (one scan through the real gateway)
 * replaces the synthetic one whenever the gateway runs in this build.
 */
public record SampleScan(RecognizeRequest request, RecognizeResponse response, boolean real) {

  /** Scans {@code qrText} twice through the gateway and keeps the second (cached) answer. */
  static SampleScan capture(Gateway gateway, String qrText) {
    RecognizeRequest request = Scans.request(qrText);
    try (codefed.bench.client.ChannelSet channels = gateway.channels()) {
      var stub =
          healthcode.federation.v1.RecognitionServiceGrpc.newBlockingStub(channels.channel(0))
              .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS);
      stub.recognize(request);
      RecognizeResponse cached = stub.recognize(request);
      Scans.category(cached.getDecision());
      return new SampleScan(request, cached, true);
    }
  }

  /** Shaped like a real hot-path PASS: masked identity, policy version, receipt, explanation. */
  public static SampleScan synthetic() {
    Instant now = Instant.now();
    RecognizeRequest request =
        RecognizeRequest.newBuilder()
            .setScan(
                Scan.newBuilder()
                    // A real HCF1 code is about this long: Base45 of a ~130-byte signed payload.
                    .setQrText(
                        "HCF1:" + "6BFOXN*TS0BI$ZD.P9UOL97O4-2HH77HRM3DSPTLNR.A*5F".repeat(4))
                    .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
                    .setTemperatureCelsius(36.5))
            .build();
    Decision decision =
        Decision.newBuilder()
            .setOutcome(Outcome.OUTCOME_PASS)
            .setMaskedName("张*")
            .setMaskedIdNumber("1401**********4562")
            .setIssuer("140000")
            .setColor(Color.COLOR_GREEN)
            .setItineraryRisk(RiskLevel.RISK_LEVEL_LOW)
            .setPolicyVersion("150000@2021-01-31T00:00+08:00")
            .setFromCache(true)
            .setAuditSequence(1_234_567)
            .setDecidedAt(ProtoTime.timestamp(now))
            .setExplanation("green code of 140000 recognized under 150000@2021-01-31T00:00+08:00")
            .build();
    return new SampleScan(
        request, RecognizeResponse.newBuilder().setDecision(decision).build(), false);
  }
}
