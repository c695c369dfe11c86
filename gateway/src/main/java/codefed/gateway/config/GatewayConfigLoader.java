package codefed.gateway.config;

import com.google.protobuf.TextFormat;
import healthcode.config.v1.FederationPeer;
import healthcode.config.v1.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

/**
 * Reads a gateway configuration file ({@code GatewayConfig} textproto) into {@link GatewayOptions},
 * validating every field and reporting all problems at once, each naming the file and the field; a
 * field left out keeps the default of {@link GatewayOptions}.
 */
public final class GatewayConfigLoader {
  private static final Pattern PROVINCE = Pattern.compile("[1-9][0-9]0000");
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):([0-9]{1,5})");

  private GatewayConfigLoader() {}

  /**
   * @throws ConfigException if the file cannot be read or parsed, or any field is invalid
   */
  public static GatewayOptions load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(file.getFileName().toString(), text, base);
  }

  /** Parses and validates configuration text; relative paths resolve against {@code base}. */
  public static GatewayOptions parse(String sourceName, String text, Path base)
      throws ConfigException {
    GatewayConfig.Builder b = GatewayConfig.newBuilder();
    try {
      TextFormat.getParser().merge(text, b);
    } catch (TextFormat.ParseException e) {
      throw new ConfigException(sourceName + ":" + e.getMessage(), e);
    }
    return new Validation(sourceName, base).options(b.build());
  }

  private static final class Validation {
    private final String source;
    private final Path base;
    private final List<String> problems = new ArrayList<>();

    Validation(String source, Path base) {
      this.source = source;
      this.base = base;
    }

    GatewayOptions options(GatewayConfig c) throws ConfigException {
      if (!PROVINCE.matcher(c.getJurisdiction()).matches()) {
        problem(
            "jurisdiction",
            "\"" + c.getJurisdiction() + "\" (expected: a 6-digit province code such as 150000)");
      }
      GatewayOptions.Builder o =
          GatewayOptions.builder(c.getJurisdiction()).identity(c.getIdentity());
      port("port", c.getPort(), 0);
      o.port(c.getPort());
      o.pkiDir(requiredPath("pki_dir", c.getPkiDir()));
      if (!c.getPolicyDir().isEmpty()) {
        o.policyDir(path(c.getPolicyDir()));
      }
      o.auditDir(requiredPath("audit_dir", c.getAuditDir()));
      o.peers(peers(c.getPeersList()));
      port("metrics_port", c.getMetricsPort(), -1);
      o.metricsPort(c.getMetricsPort());
      duration("node_deadline", c.getNodeDeadline(), o::nodeDeadline);
      positive(
          "checkpoint_rate_per_second",
          c.getCheckpointRatePerSecond(),
          rate -> o.checkpointRate(rate, Duration.ofSeconds(1)));
      positive("cache_max_entries", c.getCacheMaxEntries(), o::statusCacheEntries);
      duration("policy_poll_interval", c.getPolicyPollInterval(), o::policyPoll);
      duration(
          "audit_durability_timeout", c.getAuditDurabilityTimeout(), o::auditDurabilityTimeout);
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      if (!c.getHmacKeyFile().isEmpty()) {
        o.hmacKeyFile(path(c.getHmacKeyFile()));
      }
      if (!c.getAuditKeyDir().isEmpty()) {
        o.auditKeyDir(path(c.getAuditKeyDir()));
      }
      return o.witnessStateDirs(c.getWitnessStateDirsList().stream().map(this::path).toList())
          .build();
    }

    private List<FederationPeer> peers(List<FederationPeer> peers) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < peers.size(); i++) {
        FederationPeer p = peers.get(i);
        String field = "peers[" + i + "]";
        if (!PROVINCE.matcher(p.getIssuer()).matches() && !p.getIssuer().equals("NATIONAL")) {
          problem(
              field + ".issuer",
              "\"" + p.getIssuer() + "\" (expected: a province code or NATIONAL)");
        } else if (!seen.add(p.getIssuer())) {
          problem(
              field + ".issuer", p.getIssuer() + " listed twice (expected: one entry per issuer)");
        }
        if (p.getAddressesCount() == 0) {
          problem(field + ".addresses", "empty (expected: at least one host:port)");
        }
        for (int j = 0; j < p.getAddressesCount(); j++) {
          var m = HOST_PORT.matcher(p.getAddresses(j));
          if (!m.matches()
              || Integer.parseInt(m.group(2)) > 65535
              || Integer.parseInt(m.group(2)) == 0) {
            problem(
                field + ".addresses[" + j + "]",
                "\"" + p.getAddresses(j) + "\" (expected: host:port)");
          }
        }
        expectedIdentity(field + ".expected_identity", p.getExpectedIdentity());
      }
      return peers;
    }

    private void expectedIdentity(String field, String value) {
      try {
        URI uri = new URI(value);
        if (!"spiffe".equals(uri.getScheme())
            || uri.getHost() == null
            || uri.getPath() == null
            || !uri.getPath().startsWith("/node/")) {
          problem(field, "\"" + value + "\" (expected: spiffe://<trust-domain>/node/<issuer>)");
        }
      } catch (URISyntaxException e) {
        problem(field, "\"" + value + "\" is not a URI");
      }
    }

    private void port(String field, int value, int min) {
      if (value < min || value > 65535) {
        problem(field, value + " (expected: " + min + " to 65535)");
      }
    }

    /** Zero (unset) keeps the default. */
    private void positive(String field, int value, IntConsumer set) {
      if (value < 0) {
        problem(field, value + " (expected: > 0)");
      } else if (value > 0) {
        set.accept(value);
      }
    }

    /** Empty (unset) keeps the default. */
    private void duration(String field, String text, Consumer<Duration> set) {
      if (text.isEmpty()) {
        return;
      }
      try {
        Duration d = Duration.parse(text);
        if (d.isNegative() || d.isZero()) {
          problem(field, text + " (expected: > 0)");
        } else {
          set.accept(d);
        }
      } catch (DateTimeParseException e) {
        problem(field, "\"" + text + "\" is not an ISO-8601 duration");
      }
    }

    private Path requiredPath(String field, String value) {
      if (value.isEmpty()) {
        problem(field, "missing (expected: a directory path)");
        return base;
      }
      return path(value);
    }

    private Path path(String value) {
      return base.resolve(value).normalize();
    }

    private void problem(String field, String what) {
      problems.add(source + ": " + field + ": " + what);
    }
  }
}
