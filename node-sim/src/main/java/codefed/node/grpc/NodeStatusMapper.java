package codefed.node.grpc;

import static codefed.node.NodeUnavailableException.Reason.SHUTTING_DOWN;

import codefed.node.InvalidRequestException;
import codefed.node.NodeUnavailableException;
import codefed.node.changes.ConsumerTooSlowException;
import codefed.node.changes.SequenceOutOfRangeException;
import codefed.node.declaration.InvalidDeclarationException;
import codefed.node.status.UnknownCodeException;
import codefed.rpc.status.ExceptionStatusMapper;
import codefed.rpc.status.RpcError;
import io.grpc.Metadata;
import io.grpc.Status.Code;
import java.util.concurrent.RejectedExecutionException;

/**
 * The node's rules for turning domain exceptions into statuses, applied once per server by {@link
 * codefed.rpc.status.StatusExceptionInterceptor}. Messages of expected failures name the field and
 * are safe for callers; each carries a {@code google.rpc.ErrorInfo} reason; anything unforeseen is
 * {@code INTERNAL} with a generic message, its details in the server log only.
 */
final class NodeStatusMapper {
  /** Trailer telling a change-stream consumer where to resume. */
  static final Metadata.Key<String> RESUME_FROM =
      Metadata.Key.of("codefed-resume-from-sequence", Metadata.ASCII_STRING_MARSHALLER);

  static final ExceptionStatusMapper MAPPER =
      ExceptionStatusMapper.builder("node")
          .map(
              InvalidDeclarationException.class,
              e ->
                  RpcError.of(Code.INVALID_ARGUMENT, e.getMessage())
                      .reason("INVALID_DECLARATION")
                      .metadata("field", e.field())
                      .metadata("problem", e.problem().name()))
          .map(
              InvalidRequestException.class,
              e ->
                  RpcError.of(Code.INVALID_ARGUMENT, e.getMessage())
                      .reason("INVALID_FIELD")
                      .withFieldOf(e.getMessage()))
          .map(
              UnknownCodeException.class,
              e ->
                  RpcError.of(Code.NOT_FOUND, e.getMessage())
                      .reason("UNKNOWN_CODE")
                      .withFieldOf(e.getMessage()))
          .map(
              SequenceOutOfRangeException.class,
              e ->
                  RpcError.of(Code.OUT_OF_RANGE, e.getMessage())
                      .reason("SEQUENCE_OUT_OF_RANGE")
                      .metadata("field", "from_sequence")
                      .metadata("resume_from", Long.toString(e.head()))
                      .trailer(RESUME_FROM, Long.toString(e.head())))
          .map(
              ConsumerTooSlowException.class,
              e ->
                  RpcError.of(Code.RESOURCE_EXHAUSTED, e.getMessage())
                      .reason("CONSUMER_TOO_SLOW")
                      .metadata("resume_from", Long.toString(e.resumeFrom()))
                      .trailer(RESUME_FROM, Long.toString(e.resumeFrom())))
          .map(
              NodeUnavailableException.class,
              e -> RpcError.of(Code.UNAVAILABLE, e.getMessage()).reason(e.reason().name()))
          .map(
              RejectedExecutionException.class,
              e ->
                  RpcError.of(Code.UNAVAILABLE, SHUTTING_DOWN.message())
                      .reason(SHUTTING_DOWN.name()))
          .build();

  private NodeStatusMapper() {}
}
