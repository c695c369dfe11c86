package codefed.bench.report;

/**
 * One target from the issue and what this run measured for it.
 *
 * @param target e.g. "hot throughput >= 0.5x baseline"
 * @param measured e.g. "0.62x (31,200/s vs 50,300/s)"
 * @param met {@code null} when it could not be measured in this run (e.g. no nginx)
 * @param reportOnly a number to report rather than a bound to meet
 */
public record TargetCheck(String target, String measured, Boolean met, boolean reportOnly) {

  public static TargetCheck atLeast(String target, double value, double bound, String measured) {
    return new TargetCheck(target, measured, Double.isNaN(value) ? null : value >= bound, false);
  }

  public static TargetCheck atMost(String target, double value, double bound, String measured) {
    return new TargetCheck(target, measured, Double.isNaN(value) ? null : value <= bound, false);
  }

  public static TargetCheck notMeasured(String target, String why) {
    return new TargetCheck(target, why, null, false);
  }

  /** A number the issue asks to report, with no bound to meet. */
  public static TargetCheck reported(String what, String measured) {
    return new TargetCheck(what, measured, null, true);
  }

  public String verdict() {
    return reportOnly ? "reported" : met == null ? "not measured" : met ? "met" : "missed";
  }
}
