package codefed.gateway.server;

import codefed.gateway.audit.AuditQueryException;
import codefed.gateway.audit.AuditUnavailableException;
import codefed.gateway.recognition.InvalidRequestException;
import codefed.rpc.status.ExceptionStatusMapper;
import codefed.rpc.status.RpcError;
import com.google.protobuf.util.Durations;
import com.google.rpc.RetryInfo;
import io.grpc.Status.Code;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's rules for turning domain exceptions into statuses, for both of its services
 * (applied once per server by {@link codefed.rpc.status.StatusExceptionInterceptor}). Each carries
 * a {@code google.rpc.ErrorInfo} reason; anything unforeseen is {@code INTERNAL} with a generic
 * message, its details in the server log only.
 */
public final class GatewayStatusMapper {
  private static final Logger LOG = Logger.getLogger(GatewayStatusMapper.class.getName());

  public static final ExceptionStatusMapper MAPPER =
      ExceptionStatusMapper.builder("gateway")
          .map(
              InvalidRequestException.class,
              e ->
                  RpcError.of(Code.INVALID_ARGUMENT, e.getMessage())
                      .reason("INVALID_FIELD")
                      .metadata("field", e.field()))
          .map(
              RateLimitedException.class,
              e ->
                  RpcError.of(Code.RESOURCE_EXHAUSTED, e.getMessage())
                      .detail(
                          RetryInfo.newBuilder()
                              .setRetryDelay(Durations.fromNanos(e.retryAfter().toNanos()))
                              .build())
                      .reason("CHECKPOINT_RATE_LIMITED")
                      .metadata("permits", Integer.toString(e.permits()))
                      .metadata("period", e.period().toString()))
          .map(
              AuditUnavailableException.class,
              e -> {
                LOG.log(Level.SEVERE, "audit log cannot record; no decision given", e);
                return RpcError.of(
                        Code.UNAVAILABLE, "audit log cannot record: no decision without a record")
                    .reason("AUDIT_LOG_UNAVAILABLE");
              })
          .map(
              TrustListExpiredException.class,
              e -> {
                LOG.log(Level.SEVERE, "scan refused: " + e.getMessage());
                return RpcError.of(Code.UNAVAILABLE, e.getMessage()).reason("TRUST_LIST_EXPIRED");
              })
          .map(
              RejectedExecutionException.class,
              e ->
                  RpcError.of(Code.UNAVAILABLE, "gateway is shutting down").reason("SHUTTING_DOWN"))
          .map(AuditQueryException.class, GatewayStatusMapper::auditQuery)
          .build();

  private GatewayStatusMapper() {}

  /** A question about the log that cannot be answered as asked: its reason picks the code. */
  private static RpcError auditQuery(AuditQueryException e) {
    Code code =
        switch (e.reason()) {
          case BAD_ARGUMENT -> Code.INVALID_ARGUMENT;
          case BEYOND_LOG -> Code.OUT_OF_RANGE;
          case NOTHING_YET -> Code.NOT_FOUND;
        };
    return RpcError.of(code, e.getMessage()).reason(e.reason().name()).withFieldOf(e.getMessage());
  }
}
