package codefed.rpc.status;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failure becomes for the caller: a code, a message safe to show, and optionally a
 * machine-readable reason sent as {@code google.rpc.ErrorInfo} (domain {@value #DOMAIN}, with
 * metadata such as the field it names), further details (e.g. {@code RetryInfo}) and trailers.
 * Immutable; each {@code with}/{@code detail}/{@code trailer} returns a copy.
 */
public final class RpcError {
  /** The {@code ErrorInfo.domain} of every codefed error. */
  public static final String DOMAIN = "codefed";

  private static final Pattern FIELD =
      Pattern.compile(
          "([a-z][a-z0-9_]*(?:\\[[0-9]+\\])?(?:\\.[a-z][a-z0-9_]*(?:\\[[0-9]+\\])?)*): ");

  private final Status.Code code;
  private final String message;
  private final String reason;
  private final Map<String, String> metadata;
  private final List<Message> details;
  private final List<Trailer<?>> trailers;

  private record Trailer<T>(Metadata.Key<T> key, T value) {
    void putInto(Metadata m) {
      m.put(key, value);
    }
  }

  private RpcError(
      Status.Code code,
      String message,
      String reason,
      Map<String, String> metadata,
      List<Message> details,
      List<Trailer<?>> trailers) {
    this.code = Objects.requireNonNull(code, "code");
    this.message = Objects.requireNonNull(message, "message");
    this.reason = reason;
    this.metadata = Map.copyOf(metadata);
    this.details = List.copyOf(details);
    this.trailers = List.copyOf(trailers);
  }

  /** {@code code} with {@code message}, which the caller sees as it is. */
  public static RpcError of(Status.Code code, String message) {
    return new RpcError(code, message, null, Map.of(), List.of(), List.of());
  }

  /** With an {@code ErrorInfo} of this reason (UPPER_SNAKE_CASE, stable across releases). */
  public RpcError reason(String reason) {
    return new RpcError(
        code, message, Objects.requireNonNull(reason, "reason"), metadata, details, trailers);
  }

  /** With one more {@code ErrorInfo} metadata entry (needs a reason). */
  public RpcError metadata(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(metadata);
    m.put(key, value);
    return new RpcError(code, message, reason, m, details, trailers);
  }

  /** With one more detail message, sent before the {@code ErrorInfo}. */
  public RpcError detail(Message detail) {
    List<Message> d = new ArrayList<>(details);
    d.add(Objects.requireNonNull(detail, "detail"));
    return new RpcError(code, message, reason, metadata, d, trailers);
  }

  /** With one more trailer (e.g. where a stream consumer resumes). */
  public <T> RpcError trailer(Metadata.Key<T> key, T value) {
    List<Trailer<?>> t = new ArrayList<>(trailers);
    t.add(new Trailer<>(key, value));
    return new RpcError(code, message, reason, metadata, details, t);
  }

  /**
   * The field a message names by the project's convention {@code "field.path: problem"}, e.g.
   * {@code "scan.temperature_celsius"}; empty when the message does not start with one.
   */
  public static Optional<String> fieldOf(String message) {
    Matcher m = FIELD.matcher(message == null ? "" : message);
    return m.lookingAt() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** With {@code field} metadata when the message names a field. */
  public RpcError withFieldOf(String message) {
    return fieldOf(message).map(f -> metadata("field", f)).orElse(this);
  }

  public Status.Code code() {
    return code;
  }

  public String message() {
    return message;
  }

  /** Code and message only (e.g. for an error item inside a stream). */
  public Status status() {
    return Status.fromCode(code).withDescription(message);
  }

  /** The full error: status, {@code grpc-status-details-bin} with the details, trailers. */
  public StatusRuntimeException toException() {
    Metadata extra = new Metadata();
    trailers.forEach(t -> t.putInto(extra));
    if (details.isEmpty() && reason == null) {
      return status().asRuntimeException(extra);
    }
    com.google.rpc.Status.Builder rich =
        com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
    details.forEach(d -> rich.addDetails(Any.pack(d)));
    if (reason != null) {
      rich.addDetails(
          Any.pack(
              ErrorInfo.newBuilder()
                  .setReason(reason)
                  .setDomain(DOMAIN)
                  .putAllMetadata(metadata)
                  .build()));
    }
    return StatusProto.toStatusRuntimeException(rich.build(), extra);
  }
}
