package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.status.FakeNode.Behavior;
import codefed.time.MutableClock;
import com.google.protobuf.ByteString;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An issuer with several node addresses: the single retry goes to the next one. */
class NodeClientFailoverTest {
  private final MutableClock clock = new MutableClock(InProcessFederation.START);
  private final TestSigning signing = new TestSigning();
  private final RecordingListener listener = new RecordingListener();
  private final List<Server> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void tearDown() {
    channels.forEach(ManagedChannel::shutdownNow);
    servers.forEach(Server::shutdownNow);
  }

  private FakeNode replica() throws IOException {
    FakeNode node = new FakeNode("150000", signing, clock);
    String name = InProcessServerBuilder.generateName();
    servers.add(
        InProcessServerBuilder.forName(name).directExecutor().addService(node).build().start());
    channels.add(InProcessChannelBuilder.forName(name).directExecutor().build());
    return node;
  }

  private NodeClient client() {
    return new NodeClient(
        "150000",
        channels,
        (signed, issuer, now) -> {
          try {
            return signing.trustList().verifyAssertion(signed, issuer, now);
          } catch (codefed.trust.CodeRejectedException e) {
            throw new AnswerRefusedException(SecurityEvent.ASSERTION_SIGNATURE);
          }
        },
        clock,
        listener,
        TlsIdentity::isMismatch);
  }

  private static Deadline budget() {
    return Deadline.after(10, TimeUnit.SECONDS);
  }

  @Test
  void firstAddressUnavailable_retryGoesToSecond_whichStaysPreferred() throws Exception {
    FakeNode first = replica();
    FakeNode second = replica();
    first.behavior = Behavior.UNAVAILABLE;
    NodeClient client = client();
    ByteString code = ByteString.copyFrom(Codes.id(1));

    NodeClient.Answer a1 = client.verifyCode(code, budget());
    NodeClient.Answer a2 = client.verifyCode(code, budget());

    assertThat(a1.assertion().getCodeId()).isEqualTo(code);
    assertThat(a2.assertion().getCodeId()).isEqualTo(code);
    assertThat(first.verifyCalls).hasValue(1);
    assertThat(second.verifyCalls).hasValue(2);
  }

  @Test
  void eachAttempt_sendsAFreshNonce() throws Exception {
    FakeNode node = replica();
    List<ByteString> nonces = new ArrayList<>();
    node.beforeAnswer = req -> nonces.add(req.getNonce());
    NodeClient client = client();

    client.verifyCode(ByteString.copyFrom(Codes.id(1)), budget());
    client.verifyCode(ByteString.copyFrom(Codes.id(1)), budget());

    assertThat(nonces).hasSize(2).doesNotHaveDuplicates();
    assertThat(nonces).allSatisfy(n -> assertThat(n.size()).isEqualTo(16));
  }
}
