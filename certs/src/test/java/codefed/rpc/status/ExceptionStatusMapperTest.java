package codefed.rpc.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExceptionStatusMapperTest {
  static final Metadata.Key<String> RESUME =
      Metadata.Key.of("x-resume", Metadata.ASCII_STRING_MARSHALLER);

  static class BadField extends Exception {
    private static final long serialVersionUID = 1L;

    BadField(String message) {
      super(message);
    }
  }

  static final class BadNestedField extends BadField {
    private static final long serialVersionUID = 1L;

    BadNestedField(String message) {
      super(message);
    }
  }

  static final class Throttled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Throttled() {
      super("slow down");
    }
  }

  final ExceptionStatusMapper mapper =
      ExceptionStatusMapper.builder("test")
          .map(
              BadField.class,
              e ->
                  RpcError.of(Status.Code.INVALID_ARGUMENT, e.getMessage())
                      .reason("INVALID_FIELD")
                      .withFieldOf(e.getMessage()))
          .map(BadNestedField.class, Status.Code.FAILED_PRECONDITION)
          .map(
              Throttled.class,
              e ->
                  RpcError.of(Status.Code.RESOURCE_EXHAUSTED, e.getMessage())
                      .detail(
                          RetryInfo.newBuilder()
                              .setRetryDelay(
                                  com.google.protobuf.Duration.newBuilder()
                                      .setNanos(120_000_000)
                                      .build())
                              .build())
                      .reason("THROTTLED")
                      .metadata("permits", "5")
                      .trailer(RESUME, "42"))
          .build();

  final List<LogRecord> logged = new ArrayList<>();
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  final Logger log = Logger.getLogger(ExceptionStatusMapper.class.getName());

  @BeforeEach
  void captureLog() {
    log.addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    log.removeHandler(capture);
  }

  @Test
  void registeredException_keepsItsMessage_andCarriesErrorInfoNamingTheField() throws Exception {
    StatusRuntimeException e =
        mapper.toException(new BadField("scan.temperature_celsius: 73.0 (expected: 30 to 45)"));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("scan.temperature_celsius: 73.0 (expected: 30 to 45)");
    ErrorInfo info = StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("INVALID_FIELD");
    assertThat(info.getDomain()).isEqualTo("codefed");
    assertThat(info.getMetadataMap()).containsEntry("field", "scan.temperature_celsius");
    assertThat(logged).as("an expected failure is not an error of the server").isEmpty();
  }

  @Test
  void failureOfAnAsynchronousStep_isMappedByItsCause() {
    Throwable wrapped =
        new CompletionException(new ExecutionException(new BadField("qr_text: empty")));

    assertThat(mapper.toStatus(wrapped).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(mapper.toException(wrapped).getStatus().getDescription())
        .isEqualTo("qr_text: empty");
  }

  @Test
  void mostSpecificRegisteredClass_wins() {
    assertThat(mapper.toStatus(new BadNestedField("x: y")).getCode())
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void detailsKeepTheirOrderBeforeErrorInfo_andTrailersAreSent() throws Exception {
    StatusRuntimeException e = mapper.toException(new Throttled());

    List<Any> details = StatusProto.fromThrowable(e).getDetailsList();
    assertThat(details.get(0).unpack(RetryInfo.class).getRetryDelay())
        .isEqualTo(com.google.protobuf.Duration.newBuilder().setNanos(120_000_000).build());
    assertThat(details.get(1).unpack(ErrorInfo.class).getMetadataMap())
        .containsEntry("permits", "5");
    assertThat(e.getTrailers().get(RESUME)).isEqualTo("42");
  }

  @Test
  void statusException_passesAsItIs() {
    StatusRuntimeException given =
        Status.NOT_FOUND.withDescription("no checkpoint yet").asRuntimeException();

    assertThat(mapper.toException(given)).isSameAs(given);
    assertThat(mapper.toStatus(new CompletionException(given)).getDescription())
        .isEqualTo("no checkpoint yet");
  }

  @Test
  void unforeseenFailure_isInternalWithAGenericMessage_loggedOnTheServerOnly() {
    NullPointerException npe = new NullPointerException("name 张三 id 150802199003071235");

    StatusRuntimeException e = mapper.toException(npe, "healthcode.federation.v1.X/Y");

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(e.getStatus().getDescription()).isEqualTo("internal error");
    assertThat(e.getStatus().getCause()).isNull();
    assertThat(StatusProto.fromThrowable(e).getDetailsList()).isEmpty();
    assertThat(e.getTrailers().keys()).noneMatch(k -> k.contains("details"));
    assertThat(logged)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getThrown()).isSameAs(npe);
              assertThat(r.getMessage()).contains("test").contains("healthcode.federation.v1.X/Y");
            });
  }

  @Test
  void fieldOf_readsTheConventionalPrefixOnly() {
    assertThat(RpcError.fieldOf("peers[0].addresses[1]: \"x\" (expected: host:port)"))
        .contains("peers[0].addresses[1]");
    assertThat(RpcError.fieldOf("from_sequence: -1 (expected: >= 0)")).contains("from_sequence");
    assertThat(RpcError.fieldOf("no checkpoint yet")).isEmpty();
    assertThat(RpcError.fieldOf("Disk full: /var/x")).isEmpty();
  }
}
