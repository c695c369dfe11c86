package codefed.gateway.cases;

import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** One row of an acceptance-case file: one scan and what it must produce. */
public record RecognitionCase(
    String id,
    String jurisdiction,
    OffsetDateTime scannedAt,
    CheckpointType checkpoint,
    String issuer,
    Color color,
    List<Reason> reasons,
    Duration codeAge,
    OptionalDouble temperature,
    List<RiskLevel> itinerary,
    boolean nodeUp,
    Optional<Duration> snapshotAge,
    Tamper tamper,
    Outcome expectedOutcome,
    Set<Measure> expectedMeasures) {

  /** How the QR text is damaged before scanning. */
  public enum Tamper {
    NONE,
    SIGNATURE,
    PAYLOAD,
    TRUNCATED,
    GARBAGE
  }

  public RecognitionCase {
    Objects.requireNonNull(id, "id");
    reasons = List.copyOf(reasons);
    itinerary = List.copyOf(itinerary);
    expectedMeasures = Set.copyOf(expectedMeasures);
  }
}
