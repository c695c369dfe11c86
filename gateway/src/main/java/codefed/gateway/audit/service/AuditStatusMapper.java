package codefed.gateway.audit.service;

import codefed.gateway.audit.AuditQueryException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where AuditService failures become gRPC statuses: a query that cannot be
 * answered as asked keeps its message (it names the field); anything else is INTERNAL with a
 * generic message, the details only in the server log.
 */
final class AuditStatusMapper {
  private static final Logger LOG = Logger.getLogger(AuditStatusMapper.class.getName());

  private AuditStatusMapper() {}

  static StatusRuntimeException toStatus(Throwable t) {
    if (t instanceof AuditQueryException q) {
      return code(q.reason()).withDescription(q.getMessage()).asRuntimeException();
    }
    if (t instanceof StatusRuntimeException s) {
      return s;
    }
    LOG.log(Level.SEVERE, "AuditService: unexpected failure", t);
    return Status.INTERNAL.withDescription("internal error").asRuntimeException();
  }

  private static Status code(AuditQueryException.Reason reason) {
    switch (reason) {
      case BAD_ARGUMENT:
        return Status.INVALID_ARGUMENT;
      case BEYOND_LOG:
        return Status.OUT_OF_RANGE;
      case NOTHING_YET:
        return Status.NOT_FOUND;
      default:
        return Status.INTERNAL;
    }
  }
}
