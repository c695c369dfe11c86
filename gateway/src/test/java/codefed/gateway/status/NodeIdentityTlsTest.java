package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.status.StatusLookup.Found;
import codefed.gateway.status.StatusLookup.Unreachable;
import codefed.gateway.testing.SharedPki;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.time.MutableClock;
import codefed.tls.MtlsCredentials;
import healthcode.config.v1.FederationPeer;
import io.grpc.Grpc;
import io.grpc.Server;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real mTLS over Netty on loopback: a node must present its own province's identity. */
class NodeIdentityTlsTest {
  private static final Duration FRESH = Duration.ofMinutes(5);
  private static final byte[] CODE = Codes.id(1);

  private final PkiDirectory pki = SharedPki.get();
  private final MutableClock clock = new MutableClock(InProcessFederation.START);
  private final TestSigning signing = new TestSigning();
  private final RecordingListener listener = new RecordingListener();
  private final List<Server> servers = new ArrayList<>();
  private FederatedStatusSource source;

  @AfterEach
  void tearDown() {
    if (source != null) {
      source.close();
    }
    servers.forEach(Server::shutdownNow);
  }

  /** A node server answering for {@code issuer} while presenting {@code node/<certName>}. */
  private int serve(FakeNode node, String certName) throws IOException {
    Server server =
        Grpc.newServerBuilderForPort(0, MtlsCredentials.server(pki, Role.NODE, certName))
            .addService(node)
            .build()
            .start();
    servers.add(server);
    return server.getPort();
  }

  private FederatedStatusSource sourceFor(String issuer, int port) {
    FederatedStatusSource s =
        FederatedStatusSource.builder()
            .pki(pki)
            .gatewayName("150000")
            .peers(
                List.of(
                    FederationPeer.newBuilder()
                        .setIssuer(issuer)
                        .addAddresses("localhost:" + port)
                        .setExpectedIdentity("spiffe://" + pki.trustDomain() + "/node/" + issuer)
                        .build()))
            .trustList(signing.trustList())
            .clock(clock)
            .listener(listener)
            .nodeDeadline(Duration.ofSeconds(10))
            .build();
    s.start();
    return s;
  }

  @Test
  void nodePresentingItsOwnIdentity_answersOverMutualTls() throws IOException {
    FakeNode node = new FakeNode("150000", signing, clock);
    source = sourceFor("150000", serve(node, "150000"));

    StatusLookup result = source.lookup("150000", CODE, FRESH);

    assertThat(result).isInstanceOf(Found.class);
    assertThat(((Found) result).assertion().getIssuer()).isEqualTo("150000");
    assertThat(listener.starting("security")).isEmpty();
  }

  @Test
  void nodePresentingAnotherProvincesIdentity_refusedAtHandshake_securityEventAndUnreachable()
      throws IOException {
    // The 140000 node's certificate serving at the address configured for 150000, with
    // assertions validly signed by 150000's key: only the TLS identity is wrong.
    FakeNode impostor = new FakeNode("150000", signing, clock);
    source = sourceFor("150000", serve(impostor, "140000"));

    StatusLookup result = source.lookup("150000", CODE, FRESH);

    assertThat(result).isEqualTo(new Unreachable("node answer refused: tls_identity"));
    assertThat(listener.starting("security")).containsExactly("security 150000 tls_identity");
    assertThat(impostor.verifyCalls).as("no request reached the impostor").hasValue(0);
    assertThat(source.cachedEntries()).isZero();
  }
}
