package codefed.gateway.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.audit.report.ReportData.Counts;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RecordKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  static final ZoneOffset CST = ZoneOffset.ofHours(8);
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();
  static final Instant FEB_1 = OffsetDateTime.parse("2021-02-01T10:00:00+08:00").toInstant();

  static AuditRecord record(Instant at, String checkpoint, String policy, Outcome outcome) {
    return AuditRecord.newBuilder()
        .setTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()))
        .setGateway("150000")
        .setJurisdiction("150000")
        .setCheckpointId(checkpoint)
        .setKind(RecordKind.RECORD_KIND_DECISION)
        .setPolicyVersion(policy)
        .setCode(CodeFacts.newBuilder().setIssuer("140000"))
        .setOutcome(outcome)
        .build();
  }

  @Test
  void timeAxis_hoursWhenTheSpanIsShort_daysOverAYear_withTheYearInEachLabel() {
    TimeAxis hours = TimeAxis.over(MARCH_20, MARCH_20.plusSeconds(5 * 3600), CST);
    TimeAxis days = TimeAxis.over(MARCH_20, FEB_1, CST);

    assertThat(hours.unit).isEqualTo(TimeAxis.Unit.HOUR);
    assertThat(hours.labels)
        .containsExactly(
            "2020-03-20 09:00",
            "2020-03-20 10:00",
            "2020-03-20 11:00",
            "2020-03-20 12:00",
            "2020-03-20 13:00",
            "2020-03-20 14:00");
    assertThat(days.unit).isEqualTo(TimeAxis.Unit.DAY);
    assertThat(days.labels).hasSize(319).startsWith("2020-03-20").endsWith("2021-02-01");
  }

  @Test
  void timeAxis_decadeIsMonthly_andNeverLongerThanTheLimit() {
    TimeAxis months = TimeAxis.over(MARCH_20, MARCH_20.plusSeconds(3650L * 86400), CST);

    assertThat(months.unit).isEqualTo(TimeAxis.Unit.MONTH);
    assertThat(months.size()).isEqualTo(121).isLessThanOrEqualTo(TimeAxis.MAX_BUCKETS);
  }

  @Test
  void render_recordsAYearApart_areNotNeighbours_theEmptyDaysBetweenAreDrawn() {
    ReportData data = new ReportData(CST);
    data.add(
        record(MARCH_20, "checkpoint-a", "150000@2020-03-19T00:00+08:00", Outcome.OUTCOME_PASS));
    data.add(record(FEB_1, "checkpoint-b", "150000@2021-01-31T00:00+08:00", Outcome.OUTCOME_PASS));

    Counts[] buckets = data.buckets(TimeAxis.over(data.first(), data.last(), CST));
    String page = HtmlReport.render(data);

    assertThat(buckets).hasSize(319);
    assertThat(java.util.Arrays.stream(buckets).filter(java.util.Objects::nonNull)).hasSize(2);
    assertThat(page)
        .contains("Decisions per day by outcome")
        .contains("one bar per day")
        .contains("2020-03-20 PASS: 1")
        .contains("2021-02-01 PASS: 1");
    assertThat(page).as("share lines are not drawn across the empty days").doesNotContain(" L");
  }

  @Test
  void render_titleNamesTheGateway_andBreaksDownByCheckpointPolicyRejectionAndReason() {
    ReportData data = new ReportData(CST);
    data.add(
        record(MARCH_20, "checkpoint-a", "150000@2020-03-19T00:00+08:00", Outcome.OUTCOME_PASS));
    data.add(
        record(MARCH_20, "checkpoint-a", "150000@2020-03-19T00:00+08:00", Outcome.OUTCOME_PASS)
            .toBuilder()
            .setOffline(true)
            .build());
    data.add(
        record(MARCH_20, "checkpoint-b", "", Outcome.OUTCOME_REJECT).toBuilder()
            .setCode(CodeFacts.newBuilder().setRejection("BAD_SIGNATURE: key 140000-ed25519-1a2b"))
            .build());
    data.add(
        record(MARCH_20, "checkpoint-b", "150000@2020-03-19T00:00+08:00", Outcome.OUTCOME_CONTROL)
            .toBuilder()
            .addReasons(Reason.REASON_CLOSE_CONTACT)
            .build());

    String page = HtmlReport.render(data);

    assertThat(page)
        .contains("<title>codefed audit report: gateway 150000 (jurisdiction 150000)</title>")
        .contains("<h2>By checkpoint</h2>")
        .contains("checkpoint-a")
        .contains("checkpoint-b")
        .contains("<h2>By policy version</h2>")
        .contains("150000@2020-03-19T00:00+08:00")
        .contains("(none)")
        .contains("<td class=\"l\">BAD_SIGNATURE</td><td>1</td><td>100.0</td>")
        .contains("<td class=\"l\">REASON_CLOSE_CONTACT</td><td>1</td><td>100.0</td>")
        .contains("Offline decisions: 25.0 %")
        .doesNotContain("1a2b"); // the detail after the class stays out of the page
  }

  @Test
  void render_hostileCheckpointName_isEscaped() {
    ReportData data = new ReportData(CST);
    data.add(record(MARCH_20, "<script>alert(1)</script>", "", Outcome.OUTCOME_PASS));

    assertThat(HtmlReport.render(data)).doesNotContain("<script>").contains("&lt;script&gt;");
  }
}
