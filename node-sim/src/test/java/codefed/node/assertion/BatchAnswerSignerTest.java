package codefed.node.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.merkle.MerkleHasher;
import codefed.merkle.MerkleProofs;
import codefed.node.NodeUnavailableException;
import codefed.signing.BatchRoot;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.federation.v1.SignedAssertion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BatchAnswerSignerTest {
  private final Signer key =
      Signer.generate("140000", SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
  private final AtomicInteger signatures = new AtomicInteger();
  private final Supplier<Signer> counted =
      () -> {
        signatures.incrementAndGet();
        return key;
      };

  @Test
  void answersQueuedWithinTheWindow_shareOneSignature_eachWithItsOwnProof() throws Exception {
    // A window far longer than the test: the batch closes when it is full.
    try (AnswerSigner signer =
        AnswerSigner.of(counted, new SignBatching(Duration.ofMillis(50), 12))) {
      List<CompletableFuture<SignedAssertion>> answers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        answers.add(signer.sign(assertion(i)));
      }

      List<SignedAssertion> signed = new ArrayList<>();
      for (CompletableFuture<SignedAssertion> a : answers) {
        signed.add(a.get(5, TimeUnit.SECONDS));
      }

      assertThat(signatures).hasValue(1);
      assertThat(signer.counts()).isEqualTo(new AnswerSigner.SigningCounts(12, 1));
      for (int i = 0; i < 12; i++) {
        SignedAssertion s = signed.get(i);
        assertThat(s.getAssertion().toByteArray()).isEqualTo(assertion(i));
        assertThat(s.getBatch().getLeafIndex()).isEqualTo(i);
        assertThat(s.getBatch().getTreeSize()).isEqualTo(12);
        assertThat(s.getKeyId()).isEqualTo(key.keyId());
        verifyAsAThirdParty(s);
      }
    }
  }

  @Test
  void aLoneAnswer_isSignedWhenItsWindowEnds_asABatchOfOne() throws Exception {
    try (AnswerSigner signer =
        AnswerSigner.of(counted, SignBatching.window(Duration.ofMillis(2)))) {
      SignedAssertion one = signer.sign(assertion(7)).get(5, TimeUnit.SECONDS);

      assertThat(one.getBatch().getTreeSize()).isEqualTo(1);
      assertThat(one.getBatch().getPathCount()).isZero();
      verifyAsAThirdParty(one);
    }
  }

  @Test
  void manyCallersAtOnce_everyAnswerSignedExactlyOnce_noneLost() throws Exception {
    int callers = 4;
    int each = 2_000;
    List<CompletableFuture<SignedAssertion>> answers =
        java.util.Collections.synchronizedList(new ArrayList<>());
    try (AnswerSigner signer =
        AnswerSigner.of(counted, SignBatching.window(Duration.ofNanos(100_000)))) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < callers; t++) {
        int base = t * each;
        Thread caller =
            new Thread(
                () -> {
                  for (int i = 0; i < each; i++) {
                    answers.add(signer.sign(assertion(base + i)));
                  }
                });
        caller.start();
        threads.add(caller);
      }
      for (Thread t : threads) {
        t.join();
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (CompletableFuture<SignedAssertion> a : answers) {
        SignedAssertion s = a.get(10, TimeUnit.SECONDS);
        assertThat(seen.add(s.getAssertion().toStringUtf8())).isTrue();
      }
      for (int i = 0; i < answers.size(); i += 97) {
        verifyAsAThirdParty(answers.get(i).get());
      }
      assertThat(seen).hasSize(callers * each);
      assertThat(signer.counts().answers()).isEqualTo(callers * each);
      assertThat(signer.counts().signatures())
          .isEqualTo(signatures.get())
          .isLessThan(callers * each);
    }
  }

  @Test
  void oneCallerAtATime_noWindow_noAnswerIsLeftWaitingForTheNext() throws Exception {
    // Each answer is awaited before the next is made: an answer queued while the signer was going
    // to sleep would wait for ever (no later answer wakes the signer), and get() would time out.
    try (AnswerSigner signer = AnswerSigner.of(counted, SignBatching.window(Duration.ZERO))) {
      for (int i = 0; i < 3_000; i++) {
        signer.sign(assertion(i)).get(5, TimeUnit.SECONDS);
      }
      assertThat(signer.counts().answers()).isEqualTo(3_000);
    }
  }

  @Test
  void closing_signsWhatIsQueued_thenRefusesNewAnswers() throws Exception {
    AnswerSigner signer = AnswerSigner.of(counted, SignBatching.window(Duration.ofMillis(50)));
    CompletableFuture<SignedAssertion> queued = signer.sign(assertion(1));

    signer.close();

    verifyAsAThirdParty(queued.get(5, TimeUnit.SECONDS));
    assertThatThrownBy(() -> signer.sign(assertion(2)).get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(NodeUnavailableException.class);
  }

  @Test
  void aFailingKey_failsEveryAnswerOfItsBatch_andTheNextBatchIsSignedAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Supplier<Signer> flaky =
        () -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("key file unreadable");
          }
          return key;
        };
    try (AnswerSigner signer = AnswerSigner.of(flaky, new SignBatching(Duration.ofMillis(50), 2))) {
      CompletableFuture<SignedAssertion> a = signer.sign(assertion(1));
      CompletableFuture<SignedAssertion> b = signer.sign(assertion(2));
      assertThatThrownBy(() -> a.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> b.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(IllegalStateException.class);

      verifyAsAThirdParty(signer.sign(assertion(3)).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void off_signsEachAnswerAlone_inTheAnswersOwnDomain() throws Exception {
    try (AnswerSigner signer = AnswerSigner.of(counted, SignBatching.OFF)) {
      SignedAssertion s = signer.sign(assertion(3)).get();

      assertThat(s.hasBatch()).isFalse();
      key.verifier().verify(SigningDomain.ASSERTION, assertion(3), s.getSignature().toByteArray());
      assertThat(signer.counts()).isEqualTo(new AnswerSigner.SigningCounts(1, 1));
    }
  }

  @Test
  void settings_outOfRange_areRefusedNamingTheField() {
    assertThatThrownBy(() -> new SignBatching(Duration.ofMillis(51), 8))
        .hasMessage("window: PT0.051S (expected: 0 to 50 ms)");
    assertThatThrownBy(() -> new SignBatching(Duration.ofMillis(-1), 8))
        .hasMessageStartingWith("window: ");
    assertThatThrownBy(() -> new SignBatching(Duration.ofMillis(1), 0))
        .hasMessage("maxAnswers: 0 (expected: 1 to 65536)");
    assertThat(SignBatching.OFF.label()).isEqualTo("off");
    assertThat(SignBatching.window(Duration.ofNanos(250_000)).label()).isEqualTo("250us");
  }

  /** What a gateway or an auditor does with a batch-signed answer. */
  private void verifyAsAThirdParty(SignedAssertion s) throws Exception {
    List<byte[]> path = new ArrayList<>();
    s.getBatch().getPathList().forEach(h -> path.add(h.toByteArray()));
    byte[] root =
        MerkleProofs.rootFromInclusion(
            s.getBatch().getLeafIndex(),
            s.getBatch().getTreeSize(),
            MerkleHasher.leafHash(s.getAssertion().toByteArray()),
            path);
    key.verifier()
        .verify(
            SigningDomain.ASSERTION_BATCH,
            new BatchRoot(s.getBatch().getTreeSize(), root).signedBytes(),
            s.getSignature().toByteArray());
  }

  private static byte[] assertion(int i) {
    return ("assertion " + i).getBytes(StandardCharsets.UTF_8);
  }
}
