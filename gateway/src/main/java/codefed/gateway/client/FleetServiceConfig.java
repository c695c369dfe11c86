package codefed.gateway.client;

import healthcode.federation.v1.AuditServiceGrpc;
import healthcode.federation.v1.RecognitionServiceGrpc;
import java.util.List;
import java.util.Map;

/**
 * The service config a checkpoint's channel runs with: {@code round_robin} over every gateway, each
 * subchannel watched with {@code grpc.health.v1.Health/Watch} for the recognition service (a
 * gateway whose audit writer is stuck, or whose trust list expired, reports NOT_SERVING and gets no
 * scans), and retries only where a repeat cannot record a second decision.
 *
 * <p>{@code Recognize}, {@code RecognizeStream} and {@code RecordManualVerification} have no {@code
 * retryPolicy}: an RPC that may have reached a gateway may have been recorded, and a retry would
 * record the scan twice. They rely on grpc-java's transparent retry alone, which replays only an
 * RPC that never left the client or that the server's transport refused before any application code
 * saw it. They are not {@code waitForReady} either: while one gateway is healthy the balancer picks
 * it, and when none is a checkpoint hears so at once ("cannot reach the gateway") instead of at its
 * deadline. The audit service's reads are repeatable and are retried on {@code UNAVAILABLE} only.
 */
public final class FleetServiceConfig {
  private FleetServiceConfig() {}

  public static Map<String, Object> get() {
    String recognition = RecognitionServiceGrpc.SERVICE_NAME;
    return Map.of(
        "loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
        "healthCheckConfig", Map.of("serviceName", recognition),
        "methodConfig",
            List.of(
                Map.of(
                    "name", List.of(Map.of("service", AuditServiceGrpc.SERVICE_NAME)),
                    "waitForReady", true,
                    "retryPolicy",
                        Map.of(
                            "maxAttempts",
                            3.0,
                            "initialBackoff",
                            "0.2s",
                            "maxBackoff",
                            "2s",
                            "backoffMultiplier",
                            2.0,
                            "retryableStatusCodes",
                            List.of("UNAVAILABLE")))));
  }
}
