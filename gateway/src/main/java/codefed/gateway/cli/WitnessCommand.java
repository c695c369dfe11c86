package codefed.gateway.cli;

import codefed.gateway.audit.signing.AuditCertificates;
import codefed.gateway.audit.signing.AuditKey;
import codefed.gateway.audit.witness.GatewayCheckpointSource;
import codefed.gateway.audit.witness.Witness;
import codefed.gateway.audit.witness.WitnessStore;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code codefed witness}: pull, check, cosign and keep gateways' checkpoints. */
@Command(
    name = "witness",
    mixinStandardHelpOptions = true,
    description = {
      "Pull each gateway's signed checkpoint over AuditService (as an auditor), check its signature "
          + "against the CA-certified audit key and its consistency with the last one held (RFC 9162), "
          + "cosign it and keep it in the state directory.",
      "A shrinking or inconsistent checkpoint is refused and alarmed (log, refusals.log, "
          + "codefed_witness_checkpoints_refused_total in witness.prom); the old one is kept. "
          + "With --once, exit 1 on any refusal or unreachable gateway."
    })
public final class WitnessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--state",
      required = true,
      paramLabel = "DIR",
      description = "State directory (one file per gateway plus history).")
  Path state;

  @Option(
      names = "--gateway",
      required = true,
      paramLabel = "HOST:PORT",
      description = "A gateway to witness (repeatable).")
  List<String> gateways = new ArrayList<>();

  @Option(
      names = "--pki",
      required = true,
      paramLabel = "DIR",
      description = "PKI directory: the CA and this witness's auditor identity.")
  Path pki;

  @Option(
      names = "--as",
      defaultValue = "auditor-1",
      paramLabel = "NAME",
      description = "Auditor identity for TLS (default: ${DEFAULT-VALUE}).")
  String auditor;

  @Option(
      names = "--key-dir",
      required = true,
      paramLabel = "DIR",
      description =
          "The witness's audit-signing key (certs issue-audit-key auditor NAME --out DIR).")
  Path keyDir;

  @Option(
      names = "--interval",
      defaultValue = "5s",
      paramLabel = "DURATION",
      description = "Time between pulls, e.g. 5s, 1m (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(
      names = "--once",
      description = "Pull each gateway once and exit (1 on any refusal or failure).")
  boolean once;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Duration every = parseDuration(interval);
    PkiDirectory dir = PkiDirectory.open(pki);
    Witness witness =
        new Witness(
            dir.spiffeId(Role.AUDITOR, auditor).toString(),
            AuditKey.loadWitness(keyDir, auditor),
            new AuditCertificates(dir),
            new WitnessStore(state),
            Clock.systemUTC());
    List<GatewayCheckpointSource> sources = new ArrayList<>();
    for (String g : gateways) {
      sources.add(new GatewayCheckpointSource(g, dir, auditor));
    }
    try {
      while (true) {
        boolean ok = true;
        for (GatewayCheckpointSource s : sources) {
          try {
            Witness.Observation o = witness.observe(s);
            out.println(
                s.name()
                    + ": "
                    + o.result().name().toLowerCase(Locale.ROOT)
                    + " gateway "
                    + o.gateway()
                    + ": "
                    + o.message());
            ok &= o.result() != Witness.Result.REFUSED;
          } catch (IOException e) {
            out.println(s.name() + ": unreachable: " + e.getMessage());
            ok = false;
          }
        }
        out.flush();
        writeMetrics(witness);
        if (once) {
          return ok ? 0 : 1;
        }
        Thread.sleep(every.toMillis());
      }
    } finally {
      sources.forEach(GatewayCheckpointSource::close);
    }
  }

  private void writeMetrics(Witness witness) throws IOException {
    Files.createDirectories(state);
    Path tmp = Files.createTempFile(state, ".tmp-", ".prom");
    Files.writeString(tmp, witness.metricsText());
    Files.move(
        tmp,
        state.resolve("witness.prom"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** {@code 500ms}, {@code 5s}, {@code 2m} or ISO-8601 ({@code PT5S}). */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (t.startsWith("pt")) {
        d = Duration.parse(text);
      } else if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else {
        throw new IllegalArgumentException();
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--interval: \"" + text + "\" (expected e.g. 5s, 500ms, 1m or PT5S)");
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("--interval: " + text + " (expected: > 0)");
    }
    return d;
  }
}
