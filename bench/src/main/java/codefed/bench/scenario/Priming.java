package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeResponse;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scans every code of a pool once (32 at a time) so that later scans of them are cache hits. A scan
 * the gateway could not complete (a node call that missed its deadline while the JVMs were still
 * cold) is repeated, a few rounds at most.
 */
final class Priming {
  private static final int IN_FLIGHT = 32;
  private static final int ROUNDS = 5;

  private Priming() {}

  static void scanAll(ChannelSet channels, CodePool pool) throws IOException {
    List<String> todo = pool.all();
    String firstFailure = null;
    for (int round = 0; round < ROUNDS && !todo.isEmpty(); round++) {
      AtomicReference<String> failure = new AtomicReference<>();
      todo = scanOnce(channels, todo, failure);
      firstFailure = firstFailure == null ? failure.get() : firstFailure;
    }
    if (!todo.isEmpty()) {
      throw new IOException(
          todo.size()
              + " of "
              + pool.size()
              + " codes could not be primed in "
              + ROUNDS
              + " rounds, first failure: "
              + firstFailure);
    }
  }

  /** Returns the codes whose scan failed. */
  private static List<String> scanOnce(
      ChannelSet channels, List<String> codes, AtomicReference<String> firstFailure)
      throws IOException {
    Semaphore permits = new Semaphore(IN_FLIGHT);
    Queue<String> failed = new ConcurrentLinkedQueue<>();
    try {
      for (int i = 0; i < codes.size(); i++) {
        String qr = codes.get(i);
        permits.acquire();
        RecognitionServiceGrpc.newStub(channels.channel(i))
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .recognize(
                Scans.request(qr),
                new StreamObserver<RecognizeResponse>() {
                  @Override
                  public void onNext(RecognizeResponse r) {
                    try {
                      Scans.category(r.getDecision());
                    } catch (RuntimeException e) {
                      fail(e.getMessage());
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    fail(t.toString());
                    permits.release();
                  }

                  @Override
                  public void onCompleted() {
                    permits.release();
                  }

                  private void fail(String why) {
                    failed.add(qr);
                    firstFailure.compareAndSet(null, why);
                  }
                });
      }
      if (!permits.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS)) {
        throw new IOException("priming scans did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while priming", e);
    }
    return new ArrayList<>(failed);
  }
}
