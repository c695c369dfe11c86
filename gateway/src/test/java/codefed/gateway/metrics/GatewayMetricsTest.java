package codefed.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import healthcode.federation.v1.Outcome;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
  final GatewayMetrics m = new GatewayMetrics();

  @Test
  void render_decisionsByOutcomeAndIssuer_unverifiedCodesUnderOneLabel() {
    m.decided("140000", Outcome.OUTCOME_PASS, false, false);
    m.decided("140000", Outcome.OUTCOME_PASS, true, false);
    m.decided("", Outcome.OUTCOME_REJECT, false, false);
    m.decided("420000", Outcome.OUTCOME_CONTROL, false, true);

    String text = m.render();

    assertThat(text)
        .contains("# TYPE codefed_decisions_total counter")
        .contains("codefed_decisions_total{outcome=\"PASS\",issuer=\"140000\"} 2")
        .contains("codefed_decisions_total{outcome=\"REJECT\",issuer=\"unverified\"} 1")
        .contains("codefed_offline_decisions_total{issuer=\"420000\"} 1");
  }

  @Test
  void render_changeStreamUpPerIssuer_lastReportWins() {
    m.changeStreamUp("140000", false);
    m.changeStreamUp("140000", true);
    m.changeStreamUp("420000", true);
    m.changeStreamUp("420000", false);

    assertThat(m.render())
        .contains("# TYPE codefed_change_stream_up gauge")
        .contains("codefed_change_stream_up{issuer=\"140000\"} 1")
        .contains("codefed_change_stream_up{issuer=\"420000\"} 0");
    assertThat(m.changeStreamUp("140000")).isTrue();
    assertThat(m.changeStreamUp("420000")).isFalse();
    assertThat(m.changeStreamUp("110000")).as("never reported").isFalse();
  }

  @Test
  void render_cacheHitRatioPerIssuer() {
    m.cacheHit("140000");
    m.cacheHit("140000");
    m.cacheHit("140000");
    m.cacheMiss("140000");

    assertThat(m.render()).contains("codefed_status_cache_hit_ratio{issuer=\"140000\"} 0.75");
  }

  @Test
  void render_nodeCallLatencyHistogramIsCumulative() {
    m.nodeCall("140000", 3_000_000, "ok");
    m.nodeCall("140000", 300_000_000, "ok");

    String text = m.render();

    assertThat(text)
        .contains("# TYPE codefed_node_call_seconds histogram")
        .contains(
            "codefed_node_call_seconds_bucket{issuer=\"140000\",outcome=\"ok\",le=\"0.005\"} 1")
        .contains("codefed_node_call_seconds_bucket{issuer=\"140000\",outcome=\"ok\",le=\"0.5\"} 2")
        .contains(
            "codefed_node_call_seconds_bucket{issuer=\"140000\",outcome=\"ok\",le=\"+Inf\"} 2")
        .contains("codefed_node_call_seconds_count{issuer=\"140000\",outcome=\"ok\"} 2")
        .contains("codefed_node_call_seconds_sum{issuer=\"140000\",outcome=\"ok\"} 0.303");
  }

  @Test
  void render_circuitStatesRateLimitsAndSecurityEvents() {
    m.circuitState("420000", "OPEN");
    m.circuitState("420000", "HALF_OPEN");
    m.rateLimited("checkpoint-1");
    m.securityEvent("140000", "identity_mismatch");

    String text = m.render();

    assertThat(text)
        .contains("codefed_circuit_state{issuer=\"420000\",state=\"HALF_OPEN\"} 1")
        .doesNotContain("state=\"OPEN\"")
        .contains("codefed_rate_limited_total{checkpoint=\"checkpoint-1\"} 1")
        .contains("codefed_security_events_total{issuer=\"140000\",kind=\"identity_mismatch\"} 1");
  }

  @Test
  void render_escapesLabelValues() {
    m.rateLimited("a\"b\\c");

    assertThat(m.render()).contains("checkpoint=\"a\\\"b\\\\c\"");
  }
}
