package codefed.gateway.config;

import com.google.protobuf.TextFormat;
import healthcode.federation.v1.FederationPeer;
import healthcode.federation.v1.GatewayConfig;
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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a gateway configuration file ({@code GatewayConfig} textproto) and validates every
 * field, reporting all problems at once, each naming the file and the field.
 */
public final class GatewayConfigLoader {
  private static final Pattern PROVINCE = Pattern.compile("[1-9][0-9]0000");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):([0-9]{1,5})");

  private GatewayConfigLoader() {}

  /**
   * @throws ConfigException if the file cannot be read or parsed, or any field is invalid
   */
  public static GatewaySettings load(Path file) throws ConfigException {
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
  public static GatewaySettings parse(String sourceName, String text, Path base) throws ConfigException {
    GatewayConfig.Builder b = GatewayConfig.newBuilder();
    try {
      TextFormat.getParser().merge(text, b);
    } catch (TextFormat.ParseException e) {
      throw new ConfigException(sourceName + ":" + e.getMessage(), e);
    }
    return new Validation(sourceName, base).settings(b.build());
  }

  private static final class Validation {
    private final String source;
    private final Path base;
    private final List<String> problems = new ArrayList<>();

    Validation(String source, Path base) {
      this.source = source;
      this.base = base;
    }

    GatewaySettings settings(GatewayConfig c) throws ConfigException {
      if (!PROVINCE.matcher(c.getJurisdiction()).matches()) {
        problem("jurisdiction", "\"" + c.getJurisdiction() + "\" (expected: a 6-digit province code such as 150000)");
      }
      port("port", c.getPort(), 0);
      Path pki = requiredPath("pki_dir", c.getPkiDir());
      String identity = c.getIdentity().isEmpty() ? c.getJurisdiction() : c.getIdentity();
      Optional<Path> policyDir = c.getPolicyDir().isEmpty() ? Optional.empty() : Optional.of(path(c.getPolicyDir()));
      Path audit = requiredPath("audit_dir", c.getAuditDir());
      List<FederationPeer> peers = peers(c.getPeersList());
      port("metrics_port", c.getMetricsPort(), -1);
      Duration deadline = duration("node_deadline", c.getNodeDeadline(), GatewaySettings.DEFAULT_NODE_DEADLINE);
      int rate = positive("checkpoint_rate_per_second", c.getCheckpointRatePerSecond(), GatewaySettings.DEFAULT_RATE_PER_SECOND);
      int cache = positive("cache_max_entries", c.getCacheMaxEntries(), GatewaySettings.DEFAULT_CACHE_MAX_ENTRIES);
      Duration poll = duration("policy_poll_interval", c.getPolicyPollInterval(), GatewaySettings.DEFAULT_POLICY_POLL);
      Duration durable = duration("audit_durability_timeout", c.getAuditDurabilityTimeout(),
          GatewaySettings.DEFAULT_AUDIT_DURABILITY_TIMEOUT);
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      Path hmac = c.getHmacKeyFile().isEmpty() ? GatewaySettings.defaultHmacKeyFile(audit) : path(c.getHmacKeyFile());
      return new GatewaySettings(c.getJurisdiction(), c.getPort(), pki, identity, policyDir, audit, peers,
          c.getMetricsPort(), deadline, rate, cache, hmac, poll,
          c.getAuditKeyDir().isEmpty() ? Optional.empty() : Optional.of(path(c.getAuditKeyDir())),
          c.getWitnessStateDirsList().stream().map(this::path).toList(), durable);
    }

    private List<FederationPeer> peers(List<FederationPeer> peers) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < peers.size(); i++) {
        FederationPeer p = peers.get(i);
        String field = "peers[" + i + "]";
        if (!PROVINCE.matcher(p.getIssuer()).matches() && !p.getIssuer().equals("NATIONAL")) {
          problem(field + ".issuer", "\"" + p.getIssuer() + "\" (expected: a province code or NATIONAL)");
        } else if (!seen.add(p.getIssuer())) {
          problem(field + ".issuer", p.getIssuer() + " listed twice (expected: one entry per issuer)");
        }
        if (p.getAddressesCount() == 0) {
          problem(field + ".addresses", "empty (expected: at least one host:port)");
        }
        for (int j = 0; j < p.getAddressesCount(); j++) {
          var m = HOST_PORT.matcher(p.getAddresses(j));
          if (!m.matches() || Integer.parseInt(m.group(2)) > 65535 || Integer.parseInt(m.group(2)) == 0) {
            problem(field + ".addresses[" + j + "]", "\"" + p.getAddresses(j) + "\" (expected: host:port)");
          }
        }
        expectedIdentity(field + ".expected_identity", p.getExpectedIdentity());
      }
      return peers;
    }

    private void expectedIdentity(String field, String value) {
      try {
        URI uri = new URI(value);
        if (!"spiffe".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null
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

    private int positive(String field, int value, int dflt) {
      if (value == 0) {
        return dflt;
      }
      if (value < 0) {
        problem(field, value + " (expected: > 0)");
      }
      return value;
    }

    private Duration duration(String field, String text, Duration dflt) {
      if (text.isEmpty()) {
        return dflt;
      }
      try {
        Duration d = Duration.parse(text);
        if (d.isNegative() || d.isZero()) {
          problem(field, text + " (expected: > 0)");
        }
        return d;
      } catch (DateTimeParseException e) {
        problem(field, "\"" + text + "\" is not an ISO-8601 duration");
        return dflt;
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
