package codefed.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.audit.AuditUnavailableException;
import codefed.gateway.recognition.InvalidRequestException;
import io.grpc.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class GatewayStatusMapperTest {
  @Test
  void invalidRequest_isInvalidArgumentNamingTheField() {
    Status s =
        GatewayStatusMapper.MAPPER.toStatus(new InvalidRequestException("scan.qr_text", "empty"));

    assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(s.getDescription()).isEqualTo("scan.qr_text: empty");
  }

  @Test
  void rateLimited_isResourceExhaustedNamingTheLimitAndWhenToRetry() {
    Status s =
        GatewayStatusMapper.MAPPER.toStatus(
            new RateLimitedException(
                "checkpoint-1", 50, Duration.ofSeconds(1), Duration.ofMillis(120)));

    assertThat(s.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(s.getDescription())
        .isEqualTo(
            "checkpoint checkpoint-1 exceeded its scan rate of 50 per 1 s; retry after 120 ms");
  }

  @Test
  void auditUnavailable_isUnavailableWithoutTheCause() {
    Status s =
        GatewayStatusMapper.MAPPER.toStatus(
            new AuditUnavailableException(
                "fsync failed on /var/audit/segment-7", new IOException("EIO")));

    assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(s.getDescription()).doesNotContain("/var/audit").doesNotContain("EIO");
  }

  @Test
  void asynchronousFailure_isMappedByItsCause() {
    Status s =
        GatewayStatusMapper.MAPPER.toStatus(
            new java.util.concurrent.CompletionException(
                new AuditUnavailableException(
                    "fsync failed on /var/audit/segment-7", new IOException("EIO"))));

    assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(s.getDescription()).doesNotContain("/var/audit").doesNotContain("EIO");
  }

  @Test
  void shuttingDown_isUnavailable() {
    assertThat(GatewayStatusMapper.MAPPER.toStatus(new RejectedExecutionException()).getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void anythingElse_isInternalWithAGenericMessage() {
    Status s =
        GatewayStatusMapper.MAPPER.toStatus(
            new NullPointerException("name 张三 id 150802199003071235"));

    assertThat(s.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(s.getDescription()).isEqualTo("internal error");
    assertThat(s.getCause()).isNull();
  }
}
