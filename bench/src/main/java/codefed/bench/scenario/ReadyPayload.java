package codefed.bench.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the few integers a child's READY line carries ({@code {"port":123,...}}). */
final class ReadyPayload {
  private ReadyPayload() {}

  static int intField(String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("child said " + json + " (expected a \"" + key + "\" field)");
    }
    return Integer.parseInt(m.group(1));
  }
}
