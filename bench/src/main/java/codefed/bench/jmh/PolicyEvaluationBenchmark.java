package codefed.bench.jmh;

import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.recognition.AssertedStatus;
import codefed.gateway.recognition.DecisionInput;
import codefed.gateway.recognition.DecisionResult;
import codefed.gateway.recognition.DecisionRules;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Steps 2–5 of a decision once the status is known: the policy in force at scan time (Inner
 * Mongolia's history as shipped) and the rules, for a green code with a measured temperature.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyEvaluationBenchmark {
  private PolicyBook book;
  private DecisionInput input;
  private Instant scannedAt;

  @Setup
  public void setUp() {
    book = PolicyBook.shipped();
    scannedAt = Instant.now();
    StatusAssertion assertion =
        StatusAssertion.newBuilder()
            .setIssuer("140000")
            .setCodeId(ByteString.copyFrom(new byte[16]))
            .setState(CodeState.CODE_STATE_ACTIVE)
            .setColor(Color.COLOR_GREEN)
            .setItineraryRisk(RiskLevel.RISK_LEVEL_LOW)
            .setMaskedName("张*")
            .setMaskedIdNumber("1401**********4562")
            .setValidUntil(ts(scannedAt.plus(Duration.ofMinutes(5))))
            .setAssertedAt(ts(scannedAt))
            .build();
    AssertedStatus status =
        new AssertedStatus(
            SignedAssertion.newBuilder()
                .setAssertion(assertion.toByteString())
                .setKeyId("k")
                .build(),
            assertion);
    CodeFacts code =
        CodeFacts.newBuilder()
            .setIssuer("140000")
            .setKeyId("k")
            .setIssuedAt(ts(scannedAt.minus(Duration.ofHours(30))))
            .setExpiresAt(ts(scannedAt.plus(Duration.ofDays(13))))
            .build();
    input =
        DecisionInput.beforeStatus(
                scannedAt,
                "150000",
                CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                OptionalDouble.of(36.5),
                code)
            .withStatus(status, true);
  }

  @Benchmark
  public DecisionResult evaluate() {
    Policy policy = book.inForce("150000", scannedAt).orElseThrow();
    return DecisionRules.decide(policy, input);
  }

  private static Timestamp ts(Instant t) {
    return ProtoTime.timestamp(t);
  }
}
