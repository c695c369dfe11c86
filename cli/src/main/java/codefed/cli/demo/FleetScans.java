package codefed.cli.demo;

import codefed.gateway.client.GatewayClient;
import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Receipt;
import healthcode.federation.v1.Scan;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the fleet demo's checkpoints sent and were told: every answered scan's signed receipt
 * (gateway + sequence), so each acknowledged decision can be looked up in its shard afterwards. A
 * scan that fails in flight is not repeated by the client (it may have been recorded); the
 * checkpoint scans the code again, which is a new scan.
 */
final class FleetScans {
  private static final int MAX_SCANS_OF_ONE_CODE = 20;

  final AtomicInteger sent = new AtomicInteger();
  final AtomicInteger answered = new AtomicInteger();
  final AtomicInteger failedInFlight = new AtomicInteger();
  final AtomicInteger unanswered = new AtomicInteger();
  final Map<String, Set<Long>> receipts = new ConcurrentHashMap<>();

  /** One checkpoint's run: {@code codes} scanned in order, each until answered (bounded). */
  void run(GatewayClient client, List<String> codes) {
    for (int i = 0; i < codes.size(); i++) {
      Scan scan =
          Scan.newBuilder()
              .setQrText(codes.get(i))
              .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
              .setTemperatureCelsius(36.5)
              .build();
      boolean done = false;
      for (int attempt = 0; attempt < MAX_SCANS_OF_ONE_CODE && !done; attempt++) {
        sent.incrementAndGet();
        try {
          Decision d = client.recognize(scan, Duration.ofSeconds(10));
          record(d);
          answered.incrementAndGet();
          done = true;
        } catch (StatusRuntimeException e) {
          failedInFlight.incrementAndGet(); // the operator scans the code again
        }
      }
      if (!done) {
        unanswered.incrementAndGet();
      }
    }
  }

  int answersBy(String gateway) {
    return receipts.getOrDefault(gateway, Set.of()).size();
  }

  /** Answers per gateway so far, e.g. "150000-a 20, 150000-b 19". */
  String perGateway() {
    return new java.util.TreeMap<>(receipts)
        .entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue().size())
            .collect(java.util.stream.Collectors.joining(", "));
  }

  private void record(Decision d) {
    try {
      Receipt r = Receipt.parseFrom(d.getReceipt().getReceipt());
      receipts
          .computeIfAbsent(r.getGateway(), g -> ConcurrentHashMap.newKeySet())
          .add(r.getSequence());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("unreadable receipt in an answer", e);
    }
  }
}
