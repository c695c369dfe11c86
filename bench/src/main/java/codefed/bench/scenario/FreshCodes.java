package codefed.bench.scenario;

import codefed.bench.load.LoadGenerator;
import codefed.bench.load.LoadPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Sizes pools of never-scanned codes for a load phase: enough for the expected rate over warm-up
 * and window with a margin. Codes are issued before the phase, so issuing never competes with what
 * is measured.
 */
final class FreshCodes {
  private static final Logger LOG = Logger.getLogger(FreshCodes.class.getName());
  static final double MARGIN = 1.4;
  static final int MIN_CODES = 2_000;

  private FreshCodes() {}

  /** Codes for {@code plan} at {@code ratePerSecond}, its warm-up at the longest it may last. */
  static int needed(double ratePerSecond, LoadPlan plan) {
    Duration warmup = plan.warmup().plus(LoadGenerator.maxExtension(plan.warmup()));
    double seconds = (warmup.toMillis() + plan.duration().toMillis()) / 1000.0;
    return (int) Math.max(MIN_CODES, Math.ceil(ratePerSecond * seconds * MARGIN));
  }

  static CodePool issue(Nodes nodes, String issuer, int count) throws IOException {
    LOG.info(() -> "issuing " + count + " fresh codes of " + issuer);
    return new CodePool(nodes.issue(issuer, count));
  }
}
