package codefed.gateway.server;

import codefed.gateway.audit.WriterState;
import codefed.gateway.audit.WriterStateListener;
import codefed.gateway.metrics.GatewayMetrics;
import healthcode.federation.v1.RecognitionServiceGrpc;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * The gateway serves only while its audit writer is up: no decision may be given without a
 * durable record, so a failed or stuck writer turns grpc.health.v1 NOT_SERVING (overall and for
 * the recognition service) and shows in {@code codefed_audit_writer_up}. Scans meanwhile get
 * UNAVAILABLE from the log itself.
 */
final class AuditWriterHealth implements WriterStateListener {
  private final HealthStatusManager health;
  private final GatewayMetrics metrics;

  AuditWriterHealth(HealthStatusManager health, GatewayMetrics metrics) {
    this.health = health;
    this.metrics = metrics;
  }

  @Override
  public void writerState(WriterState state, Throwable failure) {
    metrics.auditWriter(state);
    ServingStatus status = state == WriterState.UP ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    health.setStatus("", status);
    health.setStatus(RecognitionServiceGrpc.SERVICE_NAME, status);
  }
}
