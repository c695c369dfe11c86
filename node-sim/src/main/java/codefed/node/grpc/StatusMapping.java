package codefed.node.grpc;

import codefed.node.InvalidRequestException;
import codefed.node.changes.SequenceOutOfRangeException;
import codefed.node.declaration.InvalidDeclarationException;
import codefed.node.status.UnknownCodeException;
import healthcode.federation.v1.Language;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's one mapping from domain outcomes to gRPC status. Messages of expected failures
 * name the field and are safe for callers; anything unexpected becomes {@code INTERNAL} with a
 * generic message, the details only in the server log.
 */
final class StatusMapping {
  /** Trailer telling a change-stream consumer where to resume. */
  static final Metadata.Key<String> RESUME_FROM =
      Metadata.Key.of("codefed-resume-from-sequence", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger LOG = Logger.getLogger(StatusMapping.class.getName());

  private StatusMapping() {}

  /** The status for a failure of {@code method}. */
  static StatusRuntimeException toStatus(Throwable failure, String method) {
    return toStatus(failure, method, Language.LANGUAGE_EN);
  }

  /** As {@link #toStatus(Throwable, String)}, wording declaration errors in {@code language}. */
  static StatusRuntimeException toStatus(Throwable failure, String method, Language language) {
    if (failure instanceof StatusRuntimeException already) {
      return already;
    }
    if (failure instanceof InvalidDeclarationException e) {
      return Status.INVALID_ARGUMENT.withDescription(e.message(language)).asRuntimeException();
    }
    if (failure instanceof InvalidRequestException e) {
      return Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
    }
    if (failure instanceof UnknownCodeException e) {
      return Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
    }
    if (failure instanceof SequenceOutOfRangeException e) {
      Metadata trailers = new Metadata();
      trailers.put(RESUME_FROM, Long.toString(e.head()));
      return Status.OUT_OF_RANGE.withDescription(e.getMessage()).asRuntimeException(trailers);
    }
    LOG.log(Level.SEVERE, method + " failed unexpectedly", failure);
    return Status.INTERNAL.withDescription("internal error").asRuntimeException();
  }

  /** A consumer fell behind its buffer: it resumes from the last sequence it received. */
  static StatusRuntimeException consumerTooSlow(long resumeFrom) {
    Metadata trailers = new Metadata();
    trailers.put(RESUME_FROM, Long.toString(resumeFrom));
    return Status.RESOURCE_EXHAUSTED
        .withDescription("consumer fell too far behind; resume with from_sequence=" + resumeFrom)
        .asRuntimeException(trailers);
  }

  /** The node is down, or an injected error. */
  static StatusRuntimeException unavailable(String why) {
    return Status.UNAVAILABLE.withDescription(why).asRuntimeException();
  }
}
