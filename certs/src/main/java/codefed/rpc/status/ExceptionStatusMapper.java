package codefed.rpc.status;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A server's one table from exception classes to what callers see, in the shape of armeria's {@code
 * GrpcExceptionHandlerFunction}: the most specific registered class wins, the failure of an
 * asynchronous step ({@link CompletionException}, {@link ExecutionException}) is mapped by its
 * cause, a status exception passes as it is, and anything else is {@code INTERNAL} with a generic
 * message — its class, message and stack trace go to the server log only.
 *
 * <p>Domain exceptions keep io.grpc out: their message names the field or rule and is written to be
 * shown; the rules here add the code and the {@code ErrorInfo} reason.
 *
 * <pre>{@code
 * static final ExceptionStatusMapper MAPPER = ExceptionStatusMapper.builder("gateway")
 *     .map(InvalidRequestException.class, e -> RpcError.of(Code.INVALID_ARGUMENT, e.getMessage())
 *         .reason("INVALID_FIELD").metadata("field", e.field()))
 *     .build();
 * }</pre>
 */
public final class ExceptionStatusMapper {
  private static final Logger LOG = Logger.getLogger(ExceptionStatusMapper.class.getName());

  /** What a caller is told about a failure nobody foresaw. */
  static final String INTERNAL_MESSAGE = "internal error";

  private final String server;
  private final Map<Class<?>, Function<Throwable, RpcError>> rules;

  private ExceptionStatusMapper(Builder b) {
    this.server = b.server;
    this.rules = Map.copyOf(b.rules);
  }

  /**
   * @param server how the server log names this server's failures
   */
  public static Builder builder(String server) {
    return new Builder(server);
  }

  /** What {@code failure} becomes; an unforeseen one is logged here. */
  public RpcError toError(Throwable failure) {
    return toError(failure, null);
  }

  /** As {@link #toError(Throwable)}; {@code method} names the call in the server log. */
  public RpcError toError(Throwable failure, String method) {
    Throwable t = unwrap(failure);
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
      Function<Throwable, RpcError> rule = rules.get(c);
      if (rule != null) {
        return rule.apply(t);
      }
    }
    LOG.log(
        Level.SEVERE, server + (method == null ? "" : " " + method) + ": unexpected failure", t);
    return RpcError.of(Status.Code.INTERNAL, INTERNAL_MESSAGE);
  }

  /** Code and message only, for an error item in a stream that goes on. */
  public Status toStatus(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof StatusRuntimeException e) {
      return e.getStatus().withCause(null);
    }
    if (t instanceof StatusException e) {
      return e.getStatus().withCause(null);
    }
    return toError(t).status();
  }

  /** The exception that ends a call: status, details and trailers. */
  public StatusRuntimeException toException(Throwable failure) {
    return toException(failure, null);
  }

  /** As {@link #toException(Throwable)}; {@code method} names the call in the server log. */
  public StatusRuntimeException toException(Throwable failure, String method) {
    Throwable t = unwrap(failure);
    if (t instanceof StatusRuntimeException e) {
      return e;
    }
    if (t instanceof StatusException e) {
      return new StatusRuntimeException(e.getStatus(), e.getTrailers());
    }
    return toError(t, method).toException();
  }

  private static Throwable unwrap(Throwable t) {
    Objects.requireNonNull(t, "failure");
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Collects the rules; registering a class twice replaces its rule. */
  public static final class Builder {
    private final String server;
    private final Map<Class<?>, Function<Throwable, RpcError>> rules = new LinkedHashMap<>();

    private Builder(String server) {
      this.server = Objects.requireNonNull(server, "server");
    }

    /** {@code type} becomes {@code code} with the exception's own message. */
    public Builder map(Class<? extends Throwable> type, Status.Code code) {
      return map(type, e -> RpcError.of(code, String.valueOf(e.getMessage())));
    }

    /** {@code type} becomes what {@code rule} makes of it. */
    public <T extends Throwable> Builder map(Class<T> type, Function<? super T, RpcError> rule) {
      Objects.requireNonNull(rule, "rule");
      rules.put(type, e -> rule.apply(type.cast(e)));
      return this;
    }

    public ExceptionStatusMapper build() {
      return new ExceptionStatusMapper(this);
    }
  }
}
