package codefed.bench.scenario;

import codefed.bench.report.ScenarioResult;

/** One named benchmark; reads what it needs (servers, baseline, peer) from the context. */
public interface Scenario {
  String name();

  /** One line for {@code codefed bench --help}. */
  String description();

  ScenarioResult run(BenchContext context) throws Exception;

  /** Whether it starts the gateway (then the baseline copies a real gateway answer). */
  default boolean usesGateway() {
    return true;
  }
}
