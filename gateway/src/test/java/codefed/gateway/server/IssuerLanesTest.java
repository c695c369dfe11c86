package codefed.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.code.HealthCodeText;
import codefed.gateway.testing.Poll;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.SignedCode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One slow issuer's stream scans hold at most their share of the stream threads. */
class IssuerLanesTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  static String qr(String issuer) {
    return HealthCodeText.encode(
        SignedCode.newBuilder()
            .setPayload(CodePayload.newBuilder().setIssuer(issuer).build().toByteString())
            .setKeyId(issuer + "-k1")
            .setSignature(com.google.protobuf.ByteString.copyFromUtf8("unchecked here"))
            .build());
  }

  @Test
  void slowIssuer_holdsAtMostItsShare_otherIssuersScansRunMeanwhile_waitingOnesRunLater()
      throws Exception {
    IssuerLanes lanes = new IssuerLanes(pool, 2);
    CountDownLatch nodeAnswers = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch slowDone = new CountDownLatch(6);
    for (int i = 0; i < 6; i++) {
      lanes.execute(
          qr("140000"),
          () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
              nodeAnswers.await(); // a node that does not answer yet
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              running.decrementAndGet();
              slowDone.countDown();
            }
          },
          () -> {});
    }
    CountDownLatch other = new CountDownLatch(4);
    for (int i = 0; i < 3; i++) {
      lanes.execute(qr("150000"), other::countDown, () -> {});
    }
    lanes.execute("HCF1:not-a-code", other::countDown, () -> {});

    assertThat(other.await(5, TimeUnit.SECONDS)).as("other issuers' scans ran meanwhile").isTrue();
    // The slow issuer's second scan may still be on its way to a pool thread.
    Poll.until(
        "two of the slow issuer's scans running", Duration.ofSeconds(5), () -> running.get() == 2);
    assertThat(mostAtOnce).hasValue(2);
    assertThat(lanes.waiting()).isEqualTo(4); // the slow issuer's others wait without a thread

    nodeAnswers.countDown();
    assertThat(slowDone.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(mostAtOnce).hasValue(2);
    assertThat(lanes.waiting()).isZero();
  }

  @Test
  void executorShutDown_waitingScansAreToldSoInsteadOfLost() throws Exception {
    IssuerLanes lanes = new IssuerLanes(pool, 1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch rejected = new CountDownLatch(1);
    lanes.execute(
        qr("140000"),
        () -> {
          started.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        () -> {});
    lanes.execute(qr("140000"), () -> {}, rejected::countDown);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    pool.shutdown();
    release.countDown();

    assertThat(rejected.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
