package codefed.bench.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run was: when, with which command and settings, on what machine (load average matters on a
 * shared machine: it is recorded at start and end, with the share of CPU time the hypervisor stole
 * during the run, NaN when unknown).
 */
public record RunInfo(
    Instant startedAt,
    String command,
    Map<String, Object> settings,
    String machine,
    String loadAtStart,
    String loadAtEnd,
    double stealShare) {

  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("started_at", startedAt.toString());
    m.put("command", command);
    m.put("settings", settings);
    m.put("machine", machine);
    m.put("load_at_start", loadAtStart);
    m.put("load_at_end", loadAtEnd);
    m.put("cpu_steal_share", Double.isNaN(stealShare) ? null : stealShare);
    return m;
  }

  public RunInfo ended(String load, double stealShare) {
    return new RunInfo(startedAt, command, settings, machine, loadAtStart, load, stealShare);
  }
}
