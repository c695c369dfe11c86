package codefed.gateway.policy;

import com.google.protobuf.TextFormat;
import healthcode.config.v1.ExcludedIssuer;
import healthcode.config.v1.PolicyVersion;
import healthcode.config.v1.RecognizedIssuer;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one policy version from its textproto document ({@code PolicyVersion}) and validates every
 * field. All problems are reported at once, each naming the file and the field.
 */
public final class PolicyParser {
  /** Plausible body temperatures for a fever threshold. */
  static final double MIN_FEVER_CELSIUS = 35.0;

  static final double MAX_FEVER_CELSIUS = 42.0;

  private PolicyParser() {}

  /**
   * Parses and validates a policy document.
   *
   * @param sourceName the file name, used in every message
   * @throws PolicyException listing every problem found
   */
  public static Policy parse(String sourceName, String text) throws PolicyException {
    PolicyVersion.Builder proto = PolicyVersion.newBuilder();
    try {
      TextFormat.getParser().merge(text, proto);
    } catch (TextFormat.ParseException e) {
      throw new PolicyException(sourceName + ":" + e.getMessage());
    }
    return new Validation(sourceName).policy(proto.build(), text);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Collects the problems of one document. */
  private static final class Validation {
    private final String sourceName;
    private final List<String> problems = new ArrayList<>();

    Validation(String sourceName) {
      this.sourceName = sourceName;
    }

    Policy policy(PolicyVersion p, String text) throws PolicyException {
      if (!PolicyIssuers.isProvince(p.getJurisdiction())) {
        problem(
            "jurisdiction",
            quote(p.getJurisdiction()) + " (expected: a GB/T 2260 province code such as 150000)");
      }
      if (p.getVersion().isBlank()) {
        problem("version", "missing (expected: a label unique within the jurisdiction)");
      }
      Instant effectiveFrom = instant("effective_from", p.getEffectiveFrom(), null);
      Instant defaultFrom = effectiveFrom == null ? Instant.EPOCH : effectiveFrom;
      List<RecognitionGrant> grants = grants(p, defaultFrom);
      List<Exclusion> exclusions = exclusions(p, defaultFrom);
      double fever = p.getFeverThresholdCelsius();
      if (!(fever >= MIN_FEVER_CELSIUS && fever <= MAX_FEVER_CELSIUS)) {
        problem(
            "fever_threshold_celsius",
            fever + " (expected: " + MIN_FEVER_CELSIUS + " to " + MAX_FEVER_CELSIUS + ")");
      }
      Duration validity = positiveDuration("code_validity", p.getCodeValidity());
      ItineraryRule itinerary = itinerary(p);
      Duration offline =
          nonNegativeDuration("offline_snapshot_max_age", p.getOfflineSnapshotMaxAge());
      Duration cache = nonNegativeDuration("cache_freshness", p.getCacheFreshness());
      Duration skew =
          p.getClockSkewTolerance().isEmpty()
              ? Policy.DEFAULT_CLOCK_SKEW
              : nonNegativeDuration("clock_skew_tolerance", p.getClockSkewTolerance());
      List<CheckpointRule> checkpoints = checkpoints(p);
      if (!problems.isEmpty()) {
        throw new PolicyException(problems);
      }
      return Policy.builder()
          .sourceName(sourceName)
          .jurisdiction(p.getJurisdiction())
          .version(p.getVersion())
          .effectiveFrom(effectiveFrom)
          .source(p.getSource())
          .recognizeLocal(p.getRecognizeLocal())
          .grants(grants)
          .exclusions(exclusions)
          .feverThresholdCelsius(fever)
          .codeValidity(validity)
          .itinerary(itinerary)
          .offlineSnapshotMaxAge(offline)
          .cacheFreshness(cache)
          .clockSkewTolerance(skew)
          .checkpoints(checkpoints)
          .document(text, sha256(text))
          .build();
    }

    private List<RecognitionGrant> grants(PolicyVersion p, Instant defaultFrom) {
      List<RecognitionGrant> grants = new ArrayList<>();
      for (int i = 0; i < p.getRecognizedCount(); i++) {
        RecognizedIssuer r = p.getRecognized(i);
        String field = "recognized[" + i + "]";
        boolean ok =
            RecognitionGrant.ALL_PROVINCES.equals(r.getIssuer())
                || PolicyIssuers.isIssuer(r.getIssuer());
        if (!ok) {
          problem(
              field + ".issuer",
              quote(r.getIssuer()) + " (expected: a province code, NATIONAL or *)");
        }
        Instant from = instant(field + ".effective_from", r.getEffectiveFrom(), defaultFrom);
        if (ok && from != null) {
          grants.add(new RecognitionGrant(r.getIssuer(), from));
        }
      }
      return grants;
    }

    private List<Exclusion> exclusions(PolicyVersion p, Instant defaultFrom) {
      List<Exclusion> exclusions = new ArrayList<>();
      for (int i = 0; i < p.getExcludedCount(); i++) {
        ExcludedIssuer e = p.getExcluded(i);
        String field = "excluded[" + i + "]";
        boolean ok = PolicyIssuers.isIssuer(e.getIssuer());
        if (!ok) {
          problem(
              field + ".issuer", quote(e.getIssuer()) + " (expected: a province code or NATIONAL)");
        }
        Instant from = instant(field + ".from", e.getFrom(), defaultFrom);
        Optional<Instant> until =
            e.getUntil().isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(instant(field + ".until", e.getUntil(), null));
        if (from != null && until.isPresent() && !until.get().isAfter(from)) {
          problem(field + ".until", quote(e.getUntil()) + " (expected: after from " + from + ")");
          continue;
        }
        boolean untilOk = e.getUntil().isEmpty() || until.isPresent();
        if (ok && from != null && untilOk) {
          exclusions.add(new Exclusion(e.getIssuer(), from, until, e.getReason()));
        }
      }
      return exclusions;
    }

    private ItineraryRule itinerary(PolicyVersion p) {
      if (!p.hasItinerary() || !p.getItinerary().getEnabled()) {
        return ItineraryRule.DISABLED;
      }
      Duration window = positiveDuration("itinerary.window", p.getItinerary().getWindow());
      Set<RiskLevel> levels = EnumSet.noneOf(RiskLevel.class);
      List<RiskLevel> listed = p.getItinerary().getControlLevelsList();
      for (int i = 0; i < listed.size(); i++) {
        RiskLevel level = listed.get(i);
        if (level == RiskLevel.RISK_LEVEL_UNSPECIFIED || level == RiskLevel.UNRECOGNIZED) {
          problem(
              "itinerary.control_levels[" + i + "]", level + " (expected: LOW, MEDIUM or HIGH)");
        } else {
          levels.add(level);
        }
      }
      if (listed.isEmpty()) {
        problem("itinerary.control_levels", "empty (expected: at least one level when enabled)");
      }
      return window == null || levels.isEmpty()
          ? ItineraryRule.DISABLED
          : new ItineraryRule(true, window, levels);
    }

    private List<CheckpointRule> checkpoints(PolicyVersion p) {
      List<CheckpointRule> rules = new ArrayList<>();
      Set<CheckpointType> seen = EnumSet.noneOf(CheckpointType.class);
      for (int i = 0; i < p.getCheckpointsCount(); i++) {
        var c = p.getCheckpoints(i);
        String field = "checkpoints[" + i + "]";
        CheckpointType type = c.getCheckpointType();
        boolean ok = true;
        if (type == CheckpointType.CHECKPOINT_TYPE_UNSPECIFIED
            || type == CheckpointType.UNRECOGNIZED) {
          problem(
              field + ".checkpoint_type", type + " (expected: TRAFFIC, PUBLIC_PLACE or MEDICAL)");
          ok = false;
        } else if (!seen.add(type)) {
          problem(field + ".checkpoint_type", type + " listed twice (expected: one rule per type)");
          ok = false;
        }
        if (c.getDenyEntryRedYellow() && type == CheckpointType.CHECKPOINT_TYPE_MEDICAL) {
          problem(
              field + ".deny_entry_red_yellow",
              "true at MEDICAL (expected: false; a hospital never denies entry)");
          ok = false;
        }
        Set<Measure> always = EnumSet.noneOf(Measure.class);
        for (int j = 0; j < c.getAlwaysCount(); j++) {
          Measure m = c.getAlways(j);
          if (m == Measure.MEASURE_UNSPECIFIED || m == Measure.UNRECOGNIZED) {
            problem(field + ".always[" + j + "]", m + " (expected: a measure)");
            ok = false;
          }
          always.add(m);
        }
        if (ok) {
          rules.add(new CheckpointRule(type, c.getDenyEntryRedYellow(), always));
        }
      }
      return rules;
    }

    /** An ISO-8601 instant with offset; empty text gives {@code dflt} (null = required). */
    private Instant instant(String field, String text, Instant dflt) {
      if (text.isEmpty()) {
        if (dflt == null) {
          problem(
              field,
              "missing (expected: an ISO-8601 instant with offset, e.g. 2020-03-19T00:00:00+08:00)");
        }
        return dflt;
      }
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        problem(field, quote(text) + " is not an ISO-8601 instant with offset");
        return null;
      }
    }

    private Duration positiveDuration(String field, String text) {
      Duration d = duration(field, text);
      if (d != null && (d.isNegative() || d.isZero())) {
        problem(field, text + " (expected: > 0)");
        return null;
      }
      return d;
    }

    private Duration nonNegativeDuration(String field, String text) {
      Duration d = duration(field, text);
      if (d != null && d.isNegative()) {
        problem(field, text + " (expected: >= 0)");
        return null;
      }
      return d;
    }

    private Duration duration(String field, String text) {
      if (text.isEmpty()) {
        problem(field, "missing (expected: an ISO-8601 duration, e.g. PT10M)");
        return null;
      }
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        problem(field, quote(text) + " is not an ISO-8601 duration");
        return null;
      }
    }

    private void problem(String field, String what) {
      problems.add(sourceName + ": " + field + ": " + what);
    }

    private static String quote(String s) {
      return "\"" + s + "\"";
    }
  }
}
