package codefed.gateway.audit.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's time axis: every bucket from the first record to the last, empty ones included (so a
 * quiet year shows as a gap, not as neighbouring bars), with a bucket size — hour, day, week or
 * month — chosen so the span fits in at most {@value #MAX_BUCKETS} buckets. Labels carry the year.
 */
final class TimeAxis {
  static final int MAX_BUCKETS = 400;

  /** A bucket size with its label format. */
  enum Unit {
    HOUR("yyyy-MM-dd HH:00", "hour"),
    DAY("yyyy-MM-dd", "day"),
    WEEK("yyyy-MM-dd", "week"),
    MONTH("yyyy-MM", "month");

    final DateTimeFormatter format;
    final String noun;

    Unit(String pattern, String noun) {
      this.format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
      this.noun = noun;
    }
  }

  final Unit unit;
  final List<Instant> starts;
  final List<String> labels;
  private final ZoneOffset zone;

  private TimeAxis(Unit unit, List<Instant> starts, ZoneOffset zone) {
    this.unit = unit;
    this.starts = starts;
    this.zone = zone;
    this.labels =
        starts.stream().map(s -> unit.format.format(ZonedDateTime.ofInstant(s, zone))).toList();
  }

  /** The axis over [first, last] in {@code zone}; empty when there are no records. */
  static TimeAxis over(Instant first, Instant last, ZoneOffset zone) {
    if (first == null) {
      return new TimeAxis(Unit.HOUR, List.of(), zone);
    }
    for (Unit unit : Unit.values()) {
      List<Instant> starts = new ArrayList<>();
      Instant end = bucket(last, unit, zone);
      for (Instant s = bucket(first, unit, zone);
          !s.isAfter(end) && starts.size() <= MAX_BUCKETS;
          s = next(s, unit, zone)) {
        starts.add(s);
      }
      if (starts.size() <= MAX_BUCKETS || unit == Unit.MONTH) {
        return new TimeAxis(unit, starts, zone);
      }
    }
    throw new AssertionError("unreachable");
  }

  /** The index of the bucket holding {@code t}. */
  int indexOf(Instant t) {
    Instant start = bucket(t, unit, zone);
    int i = java.util.Collections.binarySearch(starts, start);
    if (i < 0) {
      throw new IllegalArgumentException(t + " outside the axis");
    }
    return i;
  }

  int size() {
    return starts.size();
  }

  static Instant bucket(Instant t, Unit unit, ZoneOffset zone) {
    ZonedDateTime z = ZonedDateTime.ofInstant(t, zone);
    return switch (unit) {
      case HOUR -> z.truncatedTo(ChronoUnit.HOURS).toInstant();
      case DAY -> z.truncatedTo(ChronoUnit.DAYS).toInstant();
      case WEEK ->
          z.truncatedTo(ChronoUnit.DAYS)
              .with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
              .toInstant();
      case MONTH -> z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
    };
  }

  private static Instant next(Instant s, Unit unit, ZoneOffset zone) {
    ZonedDateTime z = ZonedDateTime.ofInstant(s, zone);
    return switch (unit) {
      case HOUR -> z.plusHours(1).toInstant();
      case DAY -> z.plusDays(1).toInstant();
      case WEEK -> z.plusWeeks(1).toInstant();
      case MONTH -> z.plusMonths(1).toInstant();
    };
  }
}
