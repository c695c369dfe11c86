package codefed.tls;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.pki.PemFiles;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.TestPki;
import codefed.rpc.StubServerCall;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.VerifyCodeRequest;
import healthcode.federation.v1.VerifyCodeResponse;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.nio.file.Path;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The principal of a TLS session is parsed once and kept in the session, but only for the
 * certificate it came from: a session that presents another certificate is authenticated again.
 */
class AuthInterceptorSessionTest {
  @TempDir static Path dir;
  static X509Certificate gateway;
  static X509Certificate node;

  private final RoleTable roles =
      RoleTable.builder()
          .allow(ProvinceNodeServiceGrpc.getVerifyCodeMethod(), Role.GATEWAY)
          .build();
  private final AuthInterceptor auth = new AuthInterceptor(roles, TestPki.TRUST_DOMAIN);
  private final List<String> reached = new ArrayList<>();

  @BeforeAll
  static void pki() {
    PkiDirectory pki = TestPki.create(dir, "150000", "140000");
    gateway = PemFiles.readCertificate(pki.certificate(Role.GATEWAY, "150000"));
    node = PemFiles.readCertificate(pki.certificate(Role.NODE, "140000"));
  }

  @Test
  void callsOfOneSession_shareOnePrincipal_keptInTheSession() {
    FakeSession session = new FakeSession(gateway);

    Status first = call(session);
    Status second = call(session);

    assertThat(first).isNull();
    assertThat(second).isNull();
    assertThat(reached).containsExactly("gateway/150000", "gateway/150000");
    assertThat(session.getValueNames()).hasSize(1);
  }

  @Test
  void aSessionPresentingAnotherCertificate_isAuthenticatedAgain_notFromWhatItKept() {
    FakeSession session = new FakeSession(gateway);
    assertThat(call(session)).isNull();

    session.peer = node; // what the session kept belongs to the gateway's certificate
    Status refused = call(session);

    assertThat(refused.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(refused.getDescription()).startsWith("role node may not call");
    assertThat(reached).containsExactly("gateway/150000");
  }

  @Test
  void aSessionOfAnotherTrustDomain_isNotTakenForThisOne() {
    FakeSession session = new FakeSession(gateway);
    assertThat(call(session)).isNull();

    AuthInterceptor foreign = new AuthInterceptor(roles, "other.codefed");
    Status refused = call(foreign, session);

    assertThat(refused.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  /** Runs one VerifyCode call through the interceptor: null if it reached the service. */
  private Status call(FakeSession session) {
    return call(auth, session);
  }

  private Status call(AuthInterceptor interceptor, FakeSession session) {
    StubServerCall<VerifyCodeRequest, VerifyCodeResponse> call =
        new StubServerCall<>(
            ProvinceNodeServiceGrpc.getVerifyCodeMethod(),
            Attributes.newBuilder().set(Grpc.TRANSPORT_ATTR_SSL_SESSION, session).build());
    interceptor.interceptCall(
        call,
        new Metadata(),
        (c, h) -> {
          reached.add(
              codefed.tls.Principal.current().id().role().pathSegment()
                  + "/"
                  + codefed.tls.Principal.current().name());
          return new ServerCall.Listener<VerifyCodeRequest>() {};
        });
    return call.closed();
  }

  /**
   * The parts of a TLS session the interceptor reads: the peer's chain and the session's values.
   */
  private static final class FakeSession implements SSLSession {
    private final Map<String, Object> values = new HashMap<>();
    X509Certificate peer;

    FakeSession(X509Certificate peer) {
      this.peer = peer;
    }

    @Override
    public Certificate[] getPeerCertificates() {
      return new Certificate[] {peer};
    }

    @Override
    public Object getValue(String name) {
      return values.get(name);
    }

    @Override
    public void putValue(String name, Object value) {
      values.put(name, value);
    }

    @Override
    public void removeValue(String name) {
      values.remove(name);
    }

    @Override
    public String[] getValueNames() {
      return values.keySet().toArray(String[]::new);
    }

    @Override
    public byte[] getId() {
      return new byte[0];
    }

    @Override
    public SSLSessionContext getSessionContext() {
      return null;
    }

    @Override
    public long getCreationTime() {
      return 0;
    }

    @Override
    public long getLastAccessedTime() {
      return 0;
    }

    @Override
    public void invalidate() {}

    @Override
    public boolean isValid() {
      return true;
    }

    @Override
    public Certificate[] getLocalCertificates() {
      return new Certificate[0];
    }

    @Override
    public Principal getPeerPrincipal() {
      return peer.getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
      return null;
    }

    @Override
    public String getCipherSuite() {
      return "TLS_AES_128_GCM_SHA256";
    }

    @Override
    public String getProtocol() {
      return "TLSv1.3";
    }

    @Override
    public String getPeerHost() {
      return "localhost";
    }

    @Override
    public int getPeerPort() {
      return 0;
    }

    @Override
    public int getPacketBufferSize() {
      return 16_709;
    }

    @Override
    public int getApplicationBufferSize() {
      return 16_384;
    }
  }
}
