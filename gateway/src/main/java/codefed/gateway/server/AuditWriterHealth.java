package codefed.gateway.server;

import codefed.gateway.audit.WriterState;
import codefed.gateway.audit.WriterStateListener;
import codefed.gateway.metrics.GatewayMetrics;
import java.util.function.Consumer;

/**
 * The gateway serves only while its audit writer is up: no decision may be given without a durable
 * record, so a failed or stuck writer turns grpc.health.v1 NOT_SERVING (overall and for the
 * recognition service) and shows in {@code codefed_audit_writer_up}. Scans meanwhile get
 * UNAVAILABLE from the log itself.
 */
final class AuditWriterHealth implements WriterStateListener {
  private final Consumer<Boolean> serving;
  private final GatewayMetrics metrics;

  /**
   * @param serving told whether the writer allows serving (combined with the trust material's
   *     state)
   */
  AuditWriterHealth(Consumer<Boolean> serving, GatewayMetrics metrics) {
    this.serving = serving;
    this.metrics = metrics;
  }

  @Override
  public void writerState(WriterState state, Throwable failure) {
    metrics.auditWriter(state);
    serving.accept(state == WriterState.UP);
  }
}
