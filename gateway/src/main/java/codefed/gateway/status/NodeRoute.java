package codefed.gateway.status;

import healthcode.config.v1.FederationPeer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an issuer's node is and which TLS identity it must present.
 *
 * @param expectedIdentity {@code spiffe://<trust-domain>/node/<issuer>}
 */
record NodeRoute(String issuer, List<String> addresses, String expectedIdentity) {

  NodeRoute {
    addresses = List.copyOf(addresses);
  }

  /**
   * Validates the configured peers. A peer's expected identity, when given, must be the issuer's
   * own node identity: a node answers only for its own province.
   *
   * @param trustDomain the federation's trust domain; null when channels come from a test factory
   *     (then only the role and name of a configured identity are checked)
   */
  static Map<String, NodeRoute> fromPeers(List<FederationPeer> peers, String trustDomain) {
    Map<String, NodeRoute> routes = new HashMap<>();
    for (int i = 0; i < peers.size(); i++) {
      FederationPeer peer = peers.get(i);
      String field = "peers[" + i + "]";
      String issuer = peer.getIssuer();
      if (issuer.isBlank()) {
        throw new IllegalArgumentException(
            field + ".issuer: \"\" (expected: a province code or NATIONAL)");
      }
      if (peer.getAddressesCount() == 0) {
        throw new IllegalArgumentException(field + ".addresses: none (expected: >= 1 host:port)");
      }
      for (int a = 0; a < peer.getAddressesCount(); a++) {
        String address = peer.getAddresses(a);
        if (address.isBlank()) {
          throw new IllegalArgumentException(
              field + ".addresses[" + a + "]: \"\" (expected: host:port)");
        }
      }
      String configured = peer.getExpectedIdentity();
      String expected =
          trustDomain != null ? "spiffe://" + trustDomain + "/node/" + issuer : configured;
      boolean ownNode =
          trustDomain != null
              ? configured.equals(expected)
              : configured.endsWith("/node/" + issuer);
      if (!configured.isEmpty() && !ownNode) {
        throw new IllegalArgumentException(
            field
                + ".expected_identity: "
                + configured
                + " (expected: "
                + (trustDomain != null ? expected : "spiffe://<domain>/node/" + issuer)
                + ")");
      }
      if (routes.putIfAbsent(issuer, new NodeRoute(issuer, peer.getAddressesList(), expected))
          != null) {
        throw new IllegalArgumentException(field + ".issuer: " + issuer + " (expected: unique)");
      }
    }
    return Map.copyOf(routes);
  }
}
