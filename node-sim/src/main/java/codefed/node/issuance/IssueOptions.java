package codefed.node.issuance;

import codefed.node.registry.CodeId;
import codefed.node.registry.Visit;
import codefed.node.status.IssuerColor;
import codefed.node.status.StatusUpdate;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Declaration;
import healthcode.federation.v1.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to issue one code through the Java API ({@code ProvinceNode.issue}): drills and the
 * acceptance runner choose the instant, the snapshot and the holder's exact status.
 *
 * <pre>{@code
 * IssueOptions.builder()
 *     .issuedAt(scan.minus(Duration.ofHours(72)))          // default: the node clock's now
 *     .snapshot(Color.COLOR_GREEN, scan.minusSeconds(180))  // default: no snapshot
 *     .status(Set.of(Reason.REASON_CROSS_CITY_TRAVEL), visits) // default: from the declaration
 *     // or .issuerStatus(new IssuerColor(Color.COLOR_RED, "Beijing contact rules"), visits)
 *     .build();
 * }</pre>
 */
public record IssueOptions(
    Optional<Declaration> declaration,
    Optional<Instant> issuedAt,
    Optional<CodeId> codeId,
    Snapshot snapshot,
    Optional<ExactStatus> status) {

  /** Which color snapshot goes into the QR. */
  public sealed interface Snapshot {
    /** No snapshot: a gateway cannot decide offline. */
    record None() implements Snapshot {}

    /** The holder's color right after issue, as of the issue instant. */
    record Current() implements Snapshot {}

    /** Exactly this color and instant (e.g. a snapshot of a given age). */
    record Given(ColorSnapshot snapshot) implements Snapshot {}
  }

  /**
   * The holder's reasons and itinerary, set exactly (declared reasons are dropped); or, with {@code
   * issuerColor}, a color by the province's own criteria instead of reasons.
   */
  public record ExactStatus(
      Set<Reason> reasons, List<Visit> visits, Optional<IssuerColor> issuerColor) {
    public ExactStatus {
      reasons = Set.copyOf(reasons);
      visits = List.copyOf(visits);
      Objects.requireNonNull(issuerColor, "issuerColor");
      if (issuerColor.isPresent() && !reasons.isEmpty()) {
        throw new IllegalArgumentException(
            "reasons: " + reasons + " (expected: none with an issuer color)");
      }
    }

    public ExactStatus(Set<Reason> reasons, List<Visit> visits) {
      this(reasons, visits, Optional.empty());
    }

    /** The status update that puts a holder in this state. */
    public StatusUpdate update() {
      return issuerColor.isPresent()
          ? StatusUpdate.exactly(issuerColor.get(), visits)
          : StatusUpdate.exactly(reasons, visits);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder; every setting is optional. */
  public static final class Builder {
    private Declaration declaration;
    private Instant issuedAt;
    private CodeId codeId;
    private Snapshot snapshot = new Snapshot.None();
    private ExactStatus status;

    private Builder() {}

    /** The declaration; default: a plain green resident of the node's province. */
    public Builder declaration(Declaration value) {
      this.declaration = value;
      return this;
    }

    /** The issue instant; default: the node clock's now. Expiry is 14 days later. */
    public Builder issuedAt(Instant value) {
      this.issuedAt = value;
      return this;
    }

    /** The code id; default: 128 random bits. */
    public Builder codeId(CodeId value) {
      this.codeId = value;
      return this;
    }

    /** Put exactly this color snapshot in the QR. */
    public Builder snapshot(Color color, Instant asOf) {
      this.snapshot = new Snapshot.Given(new ColorSnapshot(color, asOf));
      return this;
    }

    /** Put the holder's color at issue time in the QR (what {@code IssueCode} does). */
    public Builder currentSnapshot() {
      this.snapshot = new Snapshot.Current();
      return this;
    }

    /** No color snapshot in the QR (the default). */
    public Builder noSnapshot() {
      this.snapshot = new Snapshot.None();
      return this;
    }

    /**
     * Give the holder exactly these reasons (hence the seed-003 color they imply) and this
     * itinerary, instead of what the declaration implies.
     */
    public Builder status(Set<Reason> reasons, List<Visit> visits) {
      this.status = new ExactStatus(reasons, visits);
      return this;
    }

    /**
     * Give the holder this color by the province's own criteria (reason {@code ISSUER_CRITERIA},
     * with the authority's note) and this itinerary.
     */
    public Builder issuerStatus(IssuerColor color, List<Visit> visits) {
      this.status = new ExactStatus(Set.of(), visits, Optional.of(color));
      return this;
    }

    public IssueOptions build() {
      return new IssueOptions(
          Optional.ofNullable(declaration),
          Optional.ofNullable(issuedAt),
          Optional.ofNullable(codeId),
          snapshot,
          Optional.ofNullable(status));
    }
  }
}
