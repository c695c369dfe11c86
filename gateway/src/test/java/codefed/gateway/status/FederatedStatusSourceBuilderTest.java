package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.testing.SharedPki;
import healthcode.config.v1.FederationPeer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FederatedStatusSourceBuilderTest {
  private static final List<FederationPeer> PEERS =
      List.of(FederationPeer.newBuilder().setIssuer("150000").addAddresses("localhost:1").build());

  @Test
  void build_withoutPki_refused() {
    assertThatThrownBy(
            () ->
                FederatedStatusSource.builder()
                    .peers(PEERS)
                    .trustList(new TestSigning().trustList())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("pki: missing");
  }

  @Test
  void build_withoutGatewayName_refused() {
    assertThatThrownBy(
            () ->
                FederatedStatusSource.builder()
                    .pki(SharedPki.get())
                    .peers(PEERS)
                    .trustList(new TestSigning().trustList())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("gatewayName: missing");
  }

  @Test
  void build_withoutTrustList_refused() {
    assertThatThrownBy(
            () ->
                FederatedStatusSource.builder()
                    .pki(SharedPki.get())
                    .gatewayName("150000")
                    .peers(PEERS)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("trustList: missing");
  }

  @Test
  void options_outOfRange_refusedWithFieldAndExpectation() {
    FederatedStatusSource.Builder b = FederatedStatusSource.builder();
    assertThatThrownBy(() -> b.nodeDeadline(Duration.ZERO))
        .hasMessage("nodeDeadline: PT0S (expected: > 0)");
    assertThatThrownBy(() -> b.maxEntries(0)).hasMessage("maxEntries: 0 (expected: > 0)");
    assertThatThrownBy(() -> b.bulkhead(0, Duration.ZERO))
        .hasMessage("maxConcurrentCalls: 0 (expected: > 0)");
    assertThatThrownBy(() -> b.maxCallsInFlight(0))
        .hasMessage("maxCallsInFlight: 0 (expected: > 0)");
    assertThatThrownBy(() -> b.watchBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("max backoff: PT1S (expected: >= initial backoff PT2S)");
    assertThatThrownBy(
            () -> new BreakerSettings(Duration.ofMillis(1500), 5, 50f, Duration.ofSeconds(5), 2))
        .hasMessage("window: PT1.5S (expected: whole seconds >= 1)");
  }

  @Test
  void lookup_beforeStart_refused() {
    FederatedStatusSource source =
        FederatedStatusSource.builder()
            .pki(SharedPki.get())
            .gatewayName("150000")
            .peers(PEERS)
            .trustList(new TestSigning().trustList())
            .build();

    assertThatThrownBy(() -> source.lookup("150000", Codes.id(1), Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("not started");
    source.close();
  }
}
