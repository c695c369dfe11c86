package codefed.gateway.server;

import codefed.gateway.audit.AuditUnavailableException;
import codefed.gateway.recognition.InvalidRequestException;
import com.google.protobuf.Any;
import com.google.protobuf.util.Durations;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where the gateway's domain exceptions become gRPC statuses. Anything
 * unexpected is {@code INTERNAL} with a generic message; its details go to the server log only.
 */
public final class GatewayStatusMapper {
  private static final Logger LOG = Logger.getLogger(GatewayStatusMapper.class.getName());

  private GatewayStatusMapper() {}

  public static Status toStatus(Throwable t) {
    if ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      return toStatus(t.getCause()); // the failure of an asynchronous step
    }
    if (t instanceof InvalidRequestException) {
      return Status.INVALID_ARGUMENT.withDescription(t.getMessage());
    }
    if (t instanceof RateLimitedException e) {
      return Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage());
    }
    if (t instanceof AuditUnavailableException) {
      LOG.log(Level.SEVERE, "audit log cannot record; no decision given", t);
      return Status.UNAVAILABLE.withDescription("audit log cannot record: no decision without a record");
    }
    if (t instanceof TrustListExpiredException) {
      LOG.log(Level.SEVERE, "scan refused: " + t.getMessage());
      return Status.UNAVAILABLE.withDescription(t.getMessage());
    }
    if (t instanceof RejectedExecutionException) {
      return Status.UNAVAILABLE.withDescription("gateway is shutting down");
    }
    if (t instanceof StatusRuntimeException e) {
      return e.getStatus();
    }
    LOG.log(Level.SEVERE, "unexpected failure", t);
    return Status.INTERNAL.withDescription("internal error");
  }

  /**
   * The status as an exception for the caller; a rate-limit refusal also carries {@code
   * google.rpc.RetryInfo} (when to retry) and {@code google.rpc.ErrorInfo} (the limit) details.
   */
  public static StatusRuntimeException toException(Throwable t) {
    Throwable cause = unwrap(t);
    if (cause instanceof RateLimitedException e) {
      Status status = toStatus(e);
      com.google.rpc.Status details = com.google.rpc.Status.newBuilder()
          .setCode(status.getCode().value())
          .setMessage(status.getDescription())
          .addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(Durations.fromNanos(e.retryAfter().toNanos())).build()))
          .addDetails(Any.pack(ErrorInfo.newBuilder().setReason("CHECKPOINT_RATE_LIMITED").setDomain("codefed")
              .putMetadata("permits", Integer.toString(e.permits()))
              .putMetadata("period", e.period().toString())
              .build()))
          .build();
      return StatusProto.toStatusRuntimeException(details);
    }
    return toStatus(t).asRuntimeException();
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
