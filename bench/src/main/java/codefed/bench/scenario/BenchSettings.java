package codefed.bench.scenario;

import codefed.gateway.status.NodeLimit;
import codefed.node.assertion.SignBatching;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a run applies load: measured window and warm-up per load phase, calls in flight for
 * closed-loop phases, client channels (HTTP/2 connections), where results go, what to do about
 * nginx, whether the child JVMs record a JFR profile (into {@code results/jfr/}), the extra warm-up
 * of the first phase that drives a freshly started JVM (JIT compilation on two shared cores takes a
 * while), the JVM options of the server JVMs (baseline, nodes, gateway alike), and the algorithm of
 * the gateway's per-issuer in-flight limit (fixed or adaptive).
 */
public record BenchSettings(
    Duration duration,
    Duration warmup,
    int concurrency,
    int channels,
    Path resultsDir,
    NginxMode nginx,
    boolean jfr,
    Duration jitWarmup,
    List<String> serverJvmOptions,
    NodeLimit nodeLimit,
    SignBatching signBatching) {

  /** nginx, the peer: install it when missing (root only), use it only if present, or skip it. */
  public enum NginxMode {
    INSTALL,
    USE_IF_PRESENT,
    SKIP
  }

  public BenchSettings {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(resultsDir, "resultsDir");
    Objects.requireNonNull(nginx, "nginx");
    Objects.requireNonNull(jitWarmup, "jitWarmup");
    serverJvmOptions = List.copyOf(serverJvmOptions);
    Objects.requireNonNull(nodeLimit, "nodeLimit");
    Objects.requireNonNull(signBatching, "signBatching");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warmup: " + warmup + " (expected: >= 0)");
    }
    if (concurrency <= 0) {
      throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: > 0)");
    }
    if (channels <= 0) {
      throw new IllegalArgumentException("channels: " + channels + " (expected: > 0)");
    }
  }

  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("duration_s", duration.toMillis() / 1000.0);
    m.put("warmup_s", warmup.toMillis() / 1000.0);
    m.put("concurrency", concurrency);
    m.put("channels", channels);
    m.put("nginx", nginx.name().toLowerCase(java.util.Locale.ROOT));
    m.put("jfr", jfr);
    m.put("jit_warmup_s", jitWarmup.toMillis() / 1000.0);
    m.put("server_jvm_options", String.join(" ", serverJvmOptions));
    m.put("node_limit", nodeLimit.label());
    m.put("sign_batch", signBatching.label());
    return m;
  }
}
