package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import codefed.bench.client.UnaryCalls;
import codefed.bench.client.UnexpectedAnswer;
import codefed.bench.peer.NginxConfig;
import codefed.bench.peer.NginxLocator;
import codefed.bench.peer.NginxPeer;
import codefed.bench.report.ScenarioResult;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.VerifyCodeRequest;
import healthcode.federation.v1.VerifyCodeResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The peer: Debian's nginx terminating the checkpoint's mTLS and passing the same VerifyCode calls
 * the gateway makes on a cold scan straight to the issuing node over mTLS. It does no verification,
 * policy, caching or audit: what an operator might deploy instead of a gateway.
 */
public final class PeerScenario implements Scenario {
  /** nginx serves a client connection from one worker: give it enough connections to use all. */
  static final int MIN_CHANNELS = 4;

  /** nginx's idle upstream connections per closed-loop call in flight, per worker. */
  static final int UPSTREAM_KEEPALIVE_PER_CALL = 8;

  @Override
  public String name() {
    return "peer";
  }

  @Override
  public String description() {
    return "nginx grpc_pass (mTLS both sides, keep-alive tuned) routing VerifyCode to a node";
  }

  @Override
  public ScenarioResult run(BenchContext ctx) throws Exception {
    BaselineResult base = ctx.baseline();
    PeerResult peer = ctx.peer();
    ScenarioResult r = new ScenarioResult(name());
    if (!peer.measured()) {
      r.put("skipped", peer.skipped()).note("nginx peer skipped: " + peer.skipped());
      return r;
    }
    Fields.fill(r, peer.max(), peer.half(), base);
    r.put(
        "route",
        "checkpoint -> nginx (mTLS) -> node " + BenchContext.COLD_ISSUER + " (mTLS), VerifyCode");
    r.put("nginx_workers", Runtime.getRuntime().availableProcessors());
    r.put("channels", Math.max(ctx.settings().channels(), MIN_CHANNELS));
    return r;
  }

  static PeerResult measure(BenchContext ctx) throws Exception {
    BenchSettings.NginxMode mode = ctx.settings().nginx();
    if (mode == BenchSettings.NginxMode.SKIP) {
      return PeerResult.skipped("--nginx SKIP");
    }
    NginxLocator.Located nginx = NginxLocator.locate(mode == BenchSettings.NginxMode.INSTALL);
    if (nginx.binary().isEmpty()) {
      return PeerResult.skipped(nginx.reason());
    }
    Nodes nodes = ctx.nodes();
    PkiDirectory pki = ctx.pki();
    if (!pki.hasIdentity(Role.GATEWAY, "nginx")) {
      new PkiInitializer(Clock.systemUTC())
          .issue(pki.root(), Role.GATEWAY, "nginx", List.of(), false);
    }
    int workers = Runtime.getRuntime().availableProcessors();
    NginxConfig config =
        new NginxConfig(
            ctx.workDir().resolve("nginx"),
            freePort(),
            nodes.port(BenchContext.COLD_ISSUER),
            pki.certificate(Role.GATEWAY, "nginx"),
            pki.privateKey(Role.GATEWAY, "nginx"),
            pki.certificate(Role.GATEWAY, "nginx"),
            pki.privateKey(Role.GATEWAY, "nginx"),
            pki.caCertificatePath(),
            pki.crl(),
            workers,
            // Open-loop phases may briefly hold several times the closed loop's calls in flight;
            // a pool sized for the closed loop then closes the extra connections after each call,
            // and every new one costs the node a TLS handshake on its event loop, which slows the
            // node and holds more calls in flight (seen at half load: 1,550/s with p50 of seconds).
            UPSTREAM_KEEPALIVE_PER_CALL * Math.max(64, ctx.settings().concurrency()));
    NginxPeer peer = NginxPeer.start(nginx.binary().get(), config);
    ctx.register(peer);
    List<ByteString> ids = ctx.hotCodes().all().stream().map(CodePool::codeId).toList();
    int channelCount = Math.max(ctx.settings().channels(), MIN_CHANNELS);
    try (ChannelSet channels =
        ChannelSet.open(
            peer.port(),
            MtlsCredentials.client(pki, Role.CHECKPOINT, BenchContext.CHECKPOINT),
            channelCount)) {
      channels.connect(Duration.ofSeconds(10));
      UnaryCalls<VerifyCodeRequest, VerifyCodeResponse> calls =
          new UnaryCalls<>(
              channels,
              ProvinceNodeServiceGrpc.getVerifyCodeMethod(),
              i ->
                  VerifyCodeRequest.newBuilder()
                      .setCodeId(ids.get((int) (i % ids.size())))
                      .setNonce(nonce())
                      .build(),
              (i, answer) -> {
                if (!answer.hasAssertion()) {
                  throw new UnexpectedAnswer("no assertion in the answer");
                }
                return 0;
              });
      List<codefed.bench.proc.MeasuredProcess> servers = List.of(peer, nodes.process());
      Measured max =
          Measurement.run("peer max", calls, ctx.closedPlan(servers), List.of("ok"), servers, ctx);
      Scenarios.requireProgress("peer (nginx: " + peer.errorLog() + ")", max);
      Measured half =
          Measurement.run(
              "peer half", calls, ctx.openPlan(max.throughput() / 2), List.of("ok"), servers, ctx);
      return new PeerResult(max, half, null);
    } finally {
      peer.close();
    }
  }

  private static ByteString nonce() {
    byte[] b = new byte[16];
    ThreadLocalRandom.current().nextBytes(b);
    return ByteString.copyFrom(b);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
