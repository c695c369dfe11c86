package codefed.bench.server;

import codefed.gateway.status.NodeLimit;
import codefed.node.cli.SignBatchingConverter;
import codefed.pki.PkiDirectory;
import healthcode.federation.v1.RecognizeResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds the role a child JVM was started for from its options. */
final class Roles {
  private Roles() {}

  static ServerRole create(String role, Map<String, String> o) throws Exception {
    return switch (role) {
      case "baseline" ->
          new BaselineServer(
              pki(o),
              require(o, "identity"),
              RecognizeResponse.parseFrom(Files.readAllBytes(Path.of(require(o, "response")))));
      case "nodes" ->
          new NodesRole(
              pki(o),
              java.util.Arrays.asList(require(o, "issuers").split(",")),
              new SignBatchingConverter().convert(require(o, "sign-batch")));
      case "gateway" ->
          new GatewayRole(
              pki(o),
              require(o, "jurisdiction"),
              ports(require(o, "nodes")),
              Path.of(require(o, "audit-dir")),
              NodeLimit.parse(require(o, "node-limit")));
      default ->
          throw new IllegalArgumentException(
              "role: " + role + " (expected: baseline, nodes, gateway)");
    };
  }

  /** "140000=4711,110000=4712". */
  static Map<String, Integer> ports(String list) {
    Map<String, Integer> m = new java.util.LinkedHashMap<>();
    for (String pair : list.split(",")) {
      String[] kv = pair.split("=");
      m.put(kv[0], Integer.parseInt(kv[1]));
    }
    return m;
  }

  static PkiDirectory pki(Map<String, String> o) {
    return PkiDirectory.open(Path.of(require(o, "pki")));
  }

  static String require(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null) {
      throw new IllegalArgumentException("--" + key + ": missing");
    }
    return v;
  }
}
