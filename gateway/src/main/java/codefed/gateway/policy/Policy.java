package codefed.gateway.policy;

import healthcode.federation.v1.CheckpointType;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One version of one jurisdiction's recognition policy: immutable, made by {@link PolicyParser}
 * from a document whose SHA-256 is the version's content hash.
 */
public final class Policy {
  /** Clock skew tolerated when a policy document does not set {@code clock_skew_tolerance}. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(2);

  private final String sourceName;
  private final String jurisdiction;
  private final String version;
  private final Instant effectiveFrom;
  private final String source;
  private final boolean recognizeLocal;
  private final List<RecognitionGrant> grants;
  private final List<Exclusion> exclusions;
  private final double feverThresholdCelsius;
  private final Duration codeValidity;
  private final ItineraryRule itinerary;
  private final Duration offlineSnapshotMaxAge;
  private final Duration cacheFreshness;
  private final Duration clockSkewTolerance;
  private final Map<CheckpointType, CheckpointRule> checkpoints;
  private final String documentText;
  private final byte[] contentHash;

  private Policy(Builder b) {
    this.sourceName = Objects.requireNonNull(b.sourceName, "sourceName");
    this.jurisdiction = Objects.requireNonNull(b.jurisdiction, "jurisdiction");
    this.version = Objects.requireNonNull(b.version, "version");
    this.effectiveFrom = Objects.requireNonNull(b.effectiveFrom, "effectiveFrom");
    this.source = Objects.requireNonNull(b.source, "source");
    this.recognizeLocal = b.recognizeLocal;
    this.grants = List.copyOf(b.grants);
    this.exclusions = List.copyOf(b.exclusions);
    this.feverThresholdCelsius = b.feverThresholdCelsius;
    this.codeValidity = Objects.requireNonNull(b.codeValidity, "codeValidity");
    this.itinerary = Objects.requireNonNull(b.itinerary, "itinerary");
    this.offlineSnapshotMaxAge =
        Objects.requireNonNull(b.offlineSnapshotMaxAge, "offlineSnapshotMaxAge");
    this.cacheFreshness = Objects.requireNonNull(b.cacheFreshness, "cacheFreshness");
    this.clockSkewTolerance = Objects.requireNonNull(b.clockSkewTolerance, "clockSkewTolerance");
    EnumMap<CheckpointType, CheckpointRule> rules = new EnumMap<>(CheckpointType.class);
    for (CheckpointRule rule : b.checkpoints) {
      rules.put(rule.type(), rule);
    }
    this.checkpoints = rules;
    this.documentText = Objects.requireNonNull(b.documentText, "documentText");
    this.contentHash = b.contentHash.clone();
  }

  static Builder builder() {
    return new Builder();
  }

  /** The file (or resource) the version was read from, for messages. */
  public String sourceName() {
    return sourceName;
  }

  public String jurisdiction() {
    return jurisdiction;
  }

  /** The document's own label, unique within the jurisdiction. */
  public String version() {
    return version;
  }

  /** What decisions and audit records name: {@code <jurisdiction>@<version>}. */
  public String id() {
    return jurisdiction + "@" + version;
  }

  public Instant effectiveFrom() {
    return effectiveFrom;
  }

  /** The notice(s) the version implements, e.g. "seed 001". */
  public String source() {
    return source;
  }

  public List<RecognitionGrant> grants() {
    return grants;
  }

  public List<Exclusion> exclusions() {
    return exclusions;
  }

  /** A measured temperature at or above this is a fever. */
  public double feverThresholdCelsius() {
    return feverThresholdCelsius;
  }

  public Duration codeValidity() {
    return codeValidity;
  }

  public ItineraryRule itinerary() {
    return itinerary;
  }

  /** Oldest color snapshot accepted when the issuer's node cannot be reached. */
  public Duration offlineSnapshotMaxAge() {
    return offlineSnapshotMaxAge;
  }

  /** How long a node's answer may be reused. */
  public Duration cacheFreshness() {
    return cacheFreshness;
  }

  /**
   * How far a timestamp from a code, a snapshot or a node may lie ahead of the gateway's clock and
   * still count as "now" ({@link #DEFAULT_CLOCK_SKEW} unless the document says otherwise).
   */
  public Duration clockSkewTolerance() {
    return clockSkewTolerance;
  }

  public CheckpointRule checkpoint(CheckpointType type) {
    return checkpoints.getOrDefault(type, CheckpointRule.none(type));
  }

  /** The exact document text the version was parsed from (what the content hash covers). */
  public String documentText() {
    return documentText;
  }

  /** SHA-256 of the document text's UTF-8 bytes. */
  public byte[] contentHash() {
    return contentHash.clone();
  }

  public String contentHashHex() {
    return HexFormat.of().formatHex(contentHash);
  }

  /** Whether codes of {@code issuer} are recognized at {@code at}, and why (for the officer). */
  public RecognitionVerdict recognition(String issuer, Instant at) {
    if (recognizeLocal && jurisdiction.equals(issuer)) {
      return new RecognitionVerdict(true, "local code");
    }
    for (Exclusion exclusion : exclusions) {
      if (exclusion.covers(issuer, at)) {
        String why = exclusion.reason().isEmpty() ? "" : " (" + exclusion.reason() + ")";
        return new RecognitionVerdict(
            false, "issuer " + issuer + " excluded by policy " + id() + why);
      }
    }
    for (RecognitionGrant grant : grants) {
      if (grant.covers(issuer, at)) {
        return new RecognitionVerdict(true, "issuer " + issuer + " recognized by policy " + id());
      }
    }
    for (RecognitionGrant grant : grants) {
      if (PolicyIssuers.matches(grant.issuer(), issuer)) {
        // Recognized by this policy, only not yet: say so (a what-if over older scans meets this).
        return new RecognitionVerdict(
            false,
            "scan at "
                + at
                + " predates policy "
                + id()
                + ", which recognizes issuer "
                + issuer
                + " from "
                + grant.from());
      }
    }
    return new RecognitionVerdict(false, "issuer " + issuer + " not recognized by policy " + id());
  }

  /** Whether a code of this issuer counts as recognized, with a one-line explanation. */
  public record RecognitionVerdict(boolean recognized, String explanation) {}

  @Override
  public boolean equals(Object o) {
    return o instanceof Policy p
        && Arrays.equals(contentHash, p.contentHash)
        && sourceName.equals(p.sourceName);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(contentHash);
  }

  @Override
  public String toString() {
    return "Policy[" + id() + " from " + effectiveFrom + ", " + sourceName + "]";
  }

  static final class Builder {
    private String sourceName;
    private String jurisdiction;
    private String version;
    private Instant effectiveFrom;
    private String source = "";
    private boolean recognizeLocal;
    private List<RecognitionGrant> grants = List.of();
    private List<Exclusion> exclusions = List.of();
    private double feverThresholdCelsius;
    private Duration codeValidity;
    private ItineraryRule itinerary = ItineraryRule.DISABLED;
    private Duration offlineSnapshotMaxAge;
    private Duration cacheFreshness;
    private Duration clockSkewTolerance = DEFAULT_CLOCK_SKEW;
    private List<CheckpointRule> checkpoints = List.of();
    private String documentText;
    private byte[] contentHash;

    Builder sourceName(String v) {
      this.sourceName = v;
      return this;
    }

    Builder jurisdiction(String v) {
      this.jurisdiction = v;
      return this;
    }

    Builder version(String v) {
      this.version = v;
      return this;
    }

    Builder effectiveFrom(Instant v) {
      this.effectiveFrom = v;
      return this;
    }

    Builder source(String v) {
      this.source = v;
      return this;
    }

    Builder recognizeLocal(boolean v) {
      this.recognizeLocal = v;
      return this;
    }

    Builder grants(List<RecognitionGrant> v) {
      this.grants = v;
      return this;
    }

    Builder exclusions(List<Exclusion> v) {
      this.exclusions = v;
      return this;
    }

    Builder feverThresholdCelsius(double v) {
      this.feverThresholdCelsius = v;
      return this;
    }

    Builder codeValidity(Duration v) {
      this.codeValidity = v;
      return this;
    }

    Builder itinerary(ItineraryRule v) {
      this.itinerary = v;
      return this;
    }

    Builder offlineSnapshotMaxAge(Duration v) {
      this.offlineSnapshotMaxAge = v;
      return this;
    }

    Builder cacheFreshness(Duration v) {
      this.cacheFreshness = v;
      return this;
    }

    Builder clockSkewTolerance(Duration v) {
      this.clockSkewTolerance = v;
      return this;
    }

    Builder checkpoints(List<CheckpointRule> v) {
      this.checkpoints = v;
      return this;
    }

    Builder document(String text, byte[] hash) {
      this.documentText = text;
      this.contentHash = hash;
      return this;
    }

    Policy build() {
      return new Policy(this);
    }
  }
}
