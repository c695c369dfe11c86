package codefed.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NginxConfigTest {
  private final Path p = Path.of("/tmp/pki");

  private NginxConfig config(int keepalive) {
    return new NginxConfig(
        Path.of("/tmp/nginx"),
        8443,
        9001,
        p.resolve("gw.crt"),
        p.resolve("gw.key"),
        p.resolve("client.crt"),
        p.resolve("client.key"),
        p.resolve("ca.crt"),
        p.resolve("crl.pem"),
        2,
        keepalive);
  }

  @Test
  void render_isAForegroundLoopbackMtlsGrpcProxyWithKeepalive() {
    String conf = config(128).render();

    assertThat(conf)
        .contains(
            "daemon off;",
            "worker_processes 2;",
            "listen 127.0.0.1:8443 ssl http2",
            "ssl_verify_client on;",
            "ssl_client_certificate /tmp/pki/ca.crt;",
            "ssl_crl /tmp/pki/crl.pem;",
            "server 127.0.0.1:9001;",
            "keepalive 128;",
            "grpc_pass grpcs://province_node;",
            "grpc_ssl_certificate /tmp/pki/client.crt;",
            "grpc_ssl_certificate_key /tmp/pki/client.key;",
            "grpc_ssl_trusted_certificate /tmp/pki/ca.crt;",
            "grpc_ssl_verify on;",
            "location = /healthcode.federation.v1.ProvinceNodeService/VerifyCode",
            "pid /tmp/nginx/nginx.pid;");
    assertThat(conf).doesNotContain("0.0.0.0").doesNotContain("%");
  }

  @Test
  void keepalive_mustBePositive() {
    assertThatThrownBy(() -> config(0)).hasMessage("upstreamKeepalive: 0 (expected: > 0)");
  }
}
