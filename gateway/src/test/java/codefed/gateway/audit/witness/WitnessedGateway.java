package codefed.gateway.audit.witness;

import static codefed.gateway.testing.Assertions.about;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.signing.AuditCertificates;
import codefed.gateway.audit.signing.AuditKey;
import codefed.gateway.config.GatewayOptions;
import codefed.gateway.server.GatewayServer;
import codefed.gateway.server.GatewayStartException;
import codefed.gateway.status.StatusLookup;
import codefed.gateway.testing.FakeStatusSource;
import codefed.gateway.testing.RealCodes;
import codefed.gateway.testing.SharedPki;
import codefed.pki.AuditSigningKeys;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.time.MutableClock;
import codefed.tls.MtlsCredentials;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway (mTLS on port 0, real audit log and audit key) that tests scan at, checkpoint,
 * stop and restart on a damaged directory; and a witness pulling it over AuditService.
 */
final class WitnessedGateway implements AutoCloseable {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();

  final PkiDirectory pki = SharedPki.get();
  final Path root;
  final Path gatewayKeyDir;
  final Path witnessKeyDir;
  final Path witnessDir;
  final MutableClock clock = new MutableClock(MARCH_20);
  private final RealCodes codes = new RealCodes(pki);
  private final FakeStatusSource status = new FakeStatusSource();
  private final String qr;
  private GatewayServer gateway;
  private int port;

  WitnessedGateway(Path root) {
    this.root = root;
    this.gatewayKeyDir = root.resolve("gateway-audit-key");
    this.witnessKeyDir = root.resolve("witness-audit-key");
    this.witnessDir = root.resolve("witness");
    AuditSigningKeys.issue(
        pki.root(), Role.GATEWAY, "150000", gatewayKeyDir, true, Clock.systemUTC());
    AuditSigningKeys.issue(
        pki.root(), Role.AUDITOR, "auditor-1", witnessKeyDir, true, Clock.systemUTC());
    CodePayload code = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    StatusAssertion a = about(code, MARCH_20).build();
    Signer issuer = pki.issuerSigner("140000");
    SignedAssertion signed =
        SignedAssertion.newBuilder()
            .setAssertion(a.toByteString())
            .setKeyId(issuer.keyId())
            .setSignature(
                ByteString.copyFrom(issuer.sign(SigningDomain.ASSERTION, a.toByteArray())))
            .build();
    status.answer(new StatusLookup.Found(a, signed, false));
    qr = codes.qr(code);
  }

  /**
   * Starts a gateway on {@code auditDir}; {@code withWitness}: it checks the witness state at
   * start.
   */
  void start(Path auditDir, boolean withWitness) throws IOException, GatewayStartException {
    GatewayOptions options =
        GatewayOptions.builder("150000")
            .identity("150000")
            .pkiDir(pki.root())
            .port(0)
            .auditDir(auditDir)
            .auditKeyDir(gatewayKeyDir)
            .hmacKeyFile(root.resolve("hmac.key"))
            .witnessStateDirs(withWitness ? List.of(witnessDir) : List.of())
            .build();
    gateway = GatewayServer.builder(options).statusSource(status).clock(clock).build();
    port = gateway.start();
  }

  /**
   * Scans {@code n} times (temperatures from {@code base} up by 0.01 °C, so records differ);
   * returns the answers.
   */
  List<Decision> scan(int n, double base) {
    ManagedChannel ch =
        Grpc.newChannelBuilderForAddress(
                "localhost",
                port,
                MtlsCredentials.client(
                    pki, Role.CHECKPOINT, "checkpoint-1", pki.spiffeId(Role.GATEWAY, "150000")))
            .build();
    try {
      List<Decision> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        RecognizeRequest req =
            RecognizeRequest.newBuilder()
                .setScan(
                    Scan.newBuilder()
                        .setQrText(qr)
                        .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
                        .setTemperatureCelsius(base + i * 0.01))
                .build();
        out.add(
            RecognitionServiceGrpc.newBlockingStub(ch)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .recognize(req)
                .getDecision());
      }
      return out;
    } finally {
      ch.shutdownNow();
    }
  }

  /** A checkpoint's mTLS channel to the running gateway (the caller shuts it down). */
  ManagedChannel checkpointChannel() {
    return Grpc.newChannelBuilderForAddress(
            "localhost",
            port,
            MtlsCredentials.client(
                pki, Role.CHECKPOINT, "checkpoint-1", pki.spiffeId(Role.GATEWAY, "150000")))
        .build();
  }

  /** Makes the running gateway write a checkpoint now. */
  void checkpoint() throws Exception {
    ((AuditLog) gateway.decisionLog()).checkpoint();
  }

  Witness.Observation witness() throws IOException {
    Witness w = newWitness();
    try (GatewayCheckpointSource source =
        new GatewayCheckpointSource("localhost:" + port, pki, "auditor-1")) {
      return w.observe(source);
    }
  }

  Witness newWitness() throws IOException {
    return new Witness(
        pki.spiffeId(Role.AUDITOR, "auditor-1").toString(),
        AuditKey.loadWitness(witnessKeyDir, "auditor-1"),
        new AuditCertificates(pki),
        new WitnessStore(witnessDir),
        clock);
  }

  String qr() {
    return qr;
  }

  int port() {
    return port;
  }

  void stop() {
    if (gateway != null) {
      gateway.stop();
      gateway = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
