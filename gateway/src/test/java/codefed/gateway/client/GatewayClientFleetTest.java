package codefed.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.testing.RealCodes;
import codefed.gateway.testing.SharedPki;
import codefed.pki.PkiDirectory;
import codefed.tls.ServerPin;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Scan;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's {@link GatewayClient} against three real gateways of one jurisdiction: scans are
 * spread over all of them, a gateway that stops is left out without losing an acknowledged
 * decision, and no scan is recorded twice (each scan carries a unique temperature, so every record
 * names the scan it came from).
 */
class GatewayClientFleetTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();

  @TempDir Path dir;
  final PkiDirectory pki = SharedPki.get();
  final String qr =
      new RealCodes(pki)
          .qr(new RealCodes(pki).payload("140000", MARCH_20.minus(Duration.ofHours(72))).build());
  FleetGateways fleet;
  GatewayClient client;

  @BeforeEach
  void start() throws Exception {
    fleet = new FleetGateways(pki, dir, MARCH_20, "150000-a", "150000-b", "150000-c");
    client =
        GatewayClient.connect(
            fleet.addresses(),
            pki,
            "checkpoint-1",
            ServerPin.gatewayFleet(pki.trustDomain(), "150000"));
  }

  @AfterEach
  void stop() {
    client.close();
    fleet.close();
  }

  /**
   * Scan number {@code i}: its temperature (35.0000 + i/10000 °C, never a fever) identifies it in
   * the log.
   */
  static Scan scan(String qr, int i) {
    return Scan.newBuilder()
        .setQrText(qr)
        .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
        .setTemperatureCelsius(35.0 + i / 10_000.0)
        .build();
  }

  static int scanNumber(AuditRecord r) {
    return (int) Math.round((r.getTemperatureCelsius() - 35.0) * 10_000);
  }

  @Test
  void roundRobin_threeGateways_everyShardRecordsScansAndEachScanOnce() {
    for (int i = 0; i < 60; i++) {
      Decision d = client.recognize(scan(qr, i), Duration.ofSeconds(10));
      assertThat(d.getOutcome()).isNotEqualTo(healthcode.federation.v1.Outcome.OUTCOME_UNSPECIFIED);
    }

    fleet.logs.forEach(
        (name, log) -> assertThat(log.records()).as("shard of gateway/" + name).isNotEmpty());
    assertThat(fleet.records()).isEqualTo(60);
    Set<Integer> recorded = new HashSet<>();
    fleet
        .logs
        .values()
        .forEach(l -> l.records().forEach(r -> assertThat(recorded.add(scanNumber(r))).isTrue()));
    assertThat(recorded).hasSize(60);
    fleet.logs.forEach(
        (name, log) -> log.records().forEach(r -> assertThat(r.getGateway()).isEqualTo(name)));
  }

  @Test
  void gatewayStopsMidRun_clientFailsOverAndNoAcknowledgedDecisionIsLostOrRecordedTwice()
      throws Exception {
    int perThread = 40;
    AtomicInteger acknowledgedCount = new AtomicInteger();
    List<Integer> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Integer> failed = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService checkpoints = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int base = t * 1000;
        runs.add(
            checkpoints.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    try {
                      client.recognize(scan(qr, base + i), Duration.ofSeconds(10));
                      acknowledged.add(base + i);
                      acknowledgedCount.incrementAndGet();
                    } catch (StatusRuntimeException e) {
                      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                      failed.add(base + i); // may have been received: never repeated by the client
                    }
                  }
                }));
      }
      codefed.gateway.testing.Poll.until(
          "30 acknowledged scans", Duration.ofSeconds(30), () -> acknowledgedCount.get() >= 30);
      fleet.servers.get("150000-b").stop();
      int recordedByBAtStop = fleet.logs.get("150000-b").records().size();
      for (Future<?> f : runs) {
        f.get(60, TimeUnit.SECONDS);
      }

      Set<Integer> recorded = new HashSet<>();
      for (var log : fleet.logs.values()) {
        for (AuditRecord r : log.records()) {
          assertThat(recorded.add(scanNumber(r)))
              .as("scan %d recorded once", scanNumber(r))
              .isTrue();
        }
      }
      assertThat(recorded).containsAll(acknowledged);
      assertThat(acknowledged.size() + failed.size()).isEqualTo(3 * perThread);
      assertThat(fleet.records())
          .isBetween(acknowledged.size(), acknowledged.size() + failed.size());
      assertThat(fleet.logs.get("150000-b").records()).hasSize(recordedByBAtStop);
      assertThat(acknowledged.size()).isGreaterThan(30 + failed.size()); // the others took over
    } finally {
      checkpoints.shutdownNow();
    }
  }
}
