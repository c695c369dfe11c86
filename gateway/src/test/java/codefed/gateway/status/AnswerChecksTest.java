package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.status.FakeNode.Behavior;
import codefed.gateway.status.StatusLookup.Found;
import codefed.gateway.status.StatusLookup.Unreachable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerChecksTest {
  private static final Duration FRESH = Duration.ofMinutes(5);
  private static final byte[] CODE = Codes.id(1);
  private static final Logger LOG = Logger.getLogger(FederatedStatusSource.class.getName());

  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (logged) {
            logged.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private InProcessFederation fed;

  @BeforeEach
  void captureLog() {
    LOG.addHandler(capture);
  }

  @AfterEach
  void tearDown() {
    LOG.removeHandler(capture);
    if (fed != null) {
      fed.close();
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "FOREIGN_KEY, assertion_signature",
    "WRONG_NONCE, assertion_nonce",
    "WRONG_CODE, assertion_code_id",
    // the trust list already refuses an assertion naming an issuer that does not own the key
    "WRONG_ISSUER_FIELD, assertion_signature",
    "NO_ASSERTION, malformed_answer",
    // answers a node signed in a batch: each needs its own proof, its own issuer's key
    "BATCH_OTHER_PROOF, assertion_signature",
    "BATCH_NO_SIZE, malformed_answer",
    "FOREIGN_BATCH, assertion_signature",
  })
  void refusedAnswer_securityEventAndUnreachable_nothingCached(Behavior answer, String kind) {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.behavior = answer;

    StatusLookup result = fed.source.lookup("150000", CODE, FRESH);

    assertThat(result).isEqualTo(new Unreachable("node answer refused: " + kind));
    assertThat(fed.listener.starting("security")).containsExactly("security 150000 " + kind);
    assertThat(fed.listener.starting("call")).containsExactly("call 150000 refused");
    assertThat(node.verifyCalls).as("not retried").hasValue(1);
    assertThat(fed.source.cachedEntries()).isZero();
  }

  @Test
  void answersSignedInABatch_areAccepted_eachRootCheckedOnItsOwnProof() {
    fed = new InProcessFederation("150000");
    fed.node("150000").behavior = Behavior.BATCH;

    for (int i = 0; i < 3; i++) {
      assertThat(fed.source.lookup("150000", Codes.id(i), FRESH)).isInstanceOf(Found.class);
    }
    assertThat(fed.listener.starting("security")).isEmpty();
  }

  @Test
  void answerSignedWithAnotherProvincesKey_refusedEvenThoughSignatureIsValid() {
    fed = new InProcessFederation("150000", "140000");
    fed.node("150000").behavior = Behavior.FOREIGN_KEY; // a valid 140000 signature

    StatusLookup result = fed.source.lookup("150000", CODE, FRESH);

    assertThat(result).isEqualTo(new Unreachable("node answer refused: assertion_signature"));
    assertThat(fed.source.lookup("140000", CODE, FRESH)).isInstanceOf(Found.class);
  }

  @Test
  void refusedAnswers_doNotOpenTheBreaker_nodeAskedEveryTime() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.behavior = Behavior.WRONG_NONCE;

    for (int i = 0; i < 8; i++) {
      fed.source.lookup("150000", Codes.id(i), FRESH);
    }

    assertThat(node.verifyCalls).hasValue(8);
    assertThat(fed.listener.starting("state")).containsExactly("state 150000 CLOSED");
    assertThat(fed.listener.starting("security")).hasSize(8);
  }

  @Test
  void securityEvent_loggedAsWarningWithoutCodeId() {
    fed = new InProcessFederation("150000");
    fed.node("150000").behavior = Behavior.WRONG_NONCE;

    fed.source.lookup("150000", CODE, FRESH);

    List<LogRecord> warnings;
    synchronized (logged) {
      warnings = logged.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
    }
    assertThat(warnings).hasSize(1);
    String message = warnings.get(0).getMessage();
    assertThat(message).contains("150000").contains("assertion_nonce");
    assertThat(message.toLowerCase()).doesNotContain(HexFormat.of().formatHex(CODE));
    assertThat(warnings.get(0).getThrown()).isNull();
  }
}
