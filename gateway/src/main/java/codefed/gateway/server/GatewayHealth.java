package codefed.gateway.server;

import healthcode.federation.v1.AuditServiceGrpc;
import healthcode.federation.v1.RecognitionServiceGrpc;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * The gateway's health service: recognition serves only while both the trust material (expiry
 * watch) and the audit writer allow it; the audit service reads what is already durable, so it
 * serves as long as the log is open. Lock-free: told from the poll and writer-watch threads.
 */
final class GatewayHealth {
  private final HealthStatusManager health = new HealthStatusManager();
  private volatile boolean trustServing = true;
  private volatile boolean writerServing = true;
  private volatile boolean auditService;
  private volatile boolean stopped;

  BindableService service() {
    return health.getHealthService();
  }

  /** Whether the gateway serves the audit service (it does when it opened its audit log). */
  void auditService(boolean served) {
    auditService = served;
  }

  void trustServing(boolean serving) {
    trustServing = serving;
    publish();
  }

  void writerServing(boolean serving) {
    writerServing = serving;
    publish();
  }

  /** NOT_SERVING for good: the gateway is stopping. */
  void stop() {
    stopped = true;
    health.enterTerminalState();
  }

  private void publish() {
    if (stopped) {
      return;
    }
    ServingStatus status =
        trustServing && writerServing ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    health.setStatus("", status);
    health.setStatus(RecognitionServiceGrpc.SERVICE_NAME, status);
    if (auditService) {
      health.setStatus(AuditServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    }
  }
}
