package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.config.v1.FederationPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeRouteTest {
  private static final String DOMAIN = "test.codefed";

  private static FederationPeer peer(String issuer, String identity, String... addresses) {
    return FederationPeer.newBuilder()
        .setIssuer(issuer)
        .setExpectedIdentity(identity)
        .addAllAddresses(List.of(addresses))
        .build();
  }

  @Test
  void fromPeers_identityOmitted_derivedAsTheIssuersNode() {
    Map<String, NodeRoute> routes =
        NodeRoute.fromPeers(List.of(peer("140000", "", "a:1", "b:2")), DOMAIN);

    assertThat(routes)
        .containsExactly(
            Map.entry(
                "140000",
                new NodeRoute(
                    "140000", List.of("a:1", "b:2"), "spiffe://test.codefed/node/140000")));
  }

  @Test
  void fromPeers_identityOfAnotherProvince_refused() {
    List<FederationPeer> peers =
        List.of(
            peer("150000", "spiffe://test.codefed/node/150000", "a:1"),
            peer("140000", "spiffe://test.codefed/node/150000", "b:1"));

    assertThatThrownBy(() -> NodeRoute.fromPeers(peers, DOMAIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "peers[1].expected_identity: spiffe://test.codefed/node/150000"
                + " (expected: spiffe://test.codefed/node/140000)");
  }

  @Test
  void fromPeers_identityWithOtherRoleOrDomain_refused() {
    assertThatThrownBy(
            () ->
                NodeRoute.fromPeers(
                    List.of(peer("140000", "spiffe://test.codefed/gateway/140000", "a:1")), DOMAIN))
        .hasMessageStartingWith("peers[0].expected_identity: spiffe://test.codefed/gateway/140000");
    assertThatThrownBy(
            () ->
                NodeRoute.fromPeers(
                    List.of(peer("140000", "spiffe://evil.example/node/140000", "a:1")), DOMAIN))
        .hasMessageStartingWith("peers[0].expected_identity: spiffe://evil.example/node/140000");
  }

  @Test
  void fromPeers_duplicateIssuer_refused() {
    assertThatThrownBy(
            () ->
                NodeRoute.fromPeers(
                    List.of(peer("140000", "", "a:1"), peer("140000", "", "b:1")), DOMAIN))
        .hasMessage("peers[1].issuer: 140000 (expected: unique)");
  }

  @Test
  void fromPeers_noAddressOrBlankOne_refused() {
    assertThatThrownBy(() -> NodeRoute.fromPeers(List.of(peer("140000", "")), DOMAIN))
        .hasMessage("peers[0].addresses: none (expected: >= 1 host:port)");
    assertThatThrownBy(() -> NodeRoute.fromPeers(List.of(peer("140000", "", "a:1", " ")), DOMAIN))
        .hasMessage("peers[0].addresses[1]: \"\" (expected: host:port)");
  }

  @Test
  void fromPeers_blankIssuer_refused() {
    assertThatThrownBy(() -> NodeRoute.fromPeers(List.of(peer("", "", "a:1")), DOMAIN))
        .hasMessage("peers[0].issuer: \"\" (expected: a province code or NATIONAL)");
  }
}
