package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import codefed.bench.client.UnaryCalls;
import codefed.bench.proc.ChildJvm;
import codefed.bench.report.ScenarioResult;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.RecognizeResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bare mTLS echo (grpc-java, {@code directExecutor()}, default event loops) in its own JVM,
 * driven exactly like the gateway (same channels, request, answer size, concurrency). Every other
 * result is reported as a ratio to it.
 */
public final class BaselineScenario implements Scenario {

  @Override
  public String name() {
    return "baseline";
  }

  @Override
  public boolean usesGateway() {
    return false;
  }

  @Override
  public String description() {
    return "bare grpc-java mTLS unary echo (directExecutor, no pool) with the gateway's response size";
  }

  @Override
  public ScenarioResult run(BenchContext ctx) throws Exception {
    BaselineResult b = ctx.baseline();
    ScenarioResult r = new ScenarioResult(name());
    Fields.fill(r, b.max(), b.half(), b);
    r.put("request_bytes", b.requestBytes());
    r.put("response_bytes", b.responseBytes());
    r.put("response_from_real_gateway", ctx.sample().real());
    Fields.harnessTarget(r, b);
    Fields.generatorTarget(r, b.max(), true);
    return r;
  }

  static BaselineResult measure(BenchContext ctx) throws Exception {
    SampleScan sample = ctx.sample();
    Path responseFile = ctx.workDir().resolve("baseline-response.pb");
    Files.write(responseFile, sample.response().toByteArray());
    ChildJvm server =
        ctx.startServer(
            "baseline",
            List.of(
                "baseline",
                "--pki",
                ctx.pki().root().toString(),
                "--identity",
                BenchContext.JURISDICTION,
                "--response",
                responseFile.toString()));
    try {
      int port = ReadyPayload.intField(server.awaitReady(BenchContext.START_TIMEOUT), "port");
      try (ChannelSet channels =
          ChannelSet.open(
              port,
              MtlsCredentials.client(ctx.pki(), Role.CHECKPOINT, BenchContext.CHECKPOINT),
              ctx.settings().channels())) {
        channels.connect(java.time.Duration.ofSeconds(10));
        RecognizeRequest request = sample.request();
        UnaryCalls<RecognizeRequest, RecognizeResponse> calls =
            new UnaryCalls<>(
                channels,
                RecognitionServiceGrpc.getRecognizeMethod(),
                i -> request,
                (i, answer) -> 0);
        Measured max =
            Measurement.run(
                "baseline max",
                calls,
                ctx.closedPlan(List.of(server)),
                List.of("ok"),
                List.of(server),
                ctx);
        Scenarios.requireProgress("baseline", max);
        Measured half =
            Measurement.run(
                "baseline half",
                calls,
                ctx.openPlan(max.throughput() / 2),
                List.of("ok"),
                List.of(server),
                ctx);
        return new BaselineResult(
            max, half, request.getSerializedSize(), sample.response().getSerializedSize());
      }
    } finally {
      server.close();
    }
  }
}
