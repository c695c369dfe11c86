package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import codefed.bench.proc.ChildJvm;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The gateway's JVM as seen from the generator: its port and channels to it as checkpoint-1. */
public final class Gateway {
  private final BenchContext ctx;
  private final ChildJvm process;
  private final int port;

  private Gateway(BenchContext ctx, ChildJvm process, int port) {
    this.ctx = ctx;
    this.process = process;
    this.port = port;
  }

  static Gateway start(BenchContext ctx, Nodes nodes) throws IOException {
    return start(ctx, nodes, "gateway");
  }

  /**
   * Another gateway JVM of the same jurisdiction named {@code name} (a fleet member), its own audit
   * log.
   */
  static Gateway start(BenchContext ctx, Nodes nodes, String name) throws IOException {
    String peers =
        BenchContext.NODE_ISSUERS.stream()
            .map(i -> i + "=" + nodes.port(i))
            .collect(Collectors.joining(","));
    ChildJvm p =
        ctx.startServer(
            name,
            List.of(
                "gateway",
                "--pki",
                ctx.pki().root().toString(),
                "--jurisdiction",
                BenchContext.JURISDICTION,
                "--nodes",
                peers,
                "--audit-dir",
                ctx.workDir().resolve(name + "-audit").toString(),
                "--node-limit",
                ctx.settings().nodeLimit().label()));
    int port = ReadyPayload.intField(p.awaitReady(BenchContext.START_TIMEOUT), "port");
    return new Gateway(ctx, p, port);
  }

  public ChildJvm process() {
    return process;
  }

  public int port() {
    return port;
  }

  /** The checkpoint's mTLS credentials the generator uses towards the gateway. */
  io.grpc.ChannelCredentials credentials() {
    return MtlsCredentials.client(ctx.pki(), Role.CHECKPOINT, BenchContext.CHECKPOINT);
  }

  /** The run's number of channels to the gateway, connected. */
  public ChannelSet channels() {
    ChannelSet set =
        ChannelSet.open(
            port,
            MtlsCredentials.client(ctx.pki(), Role.CHECKPOINT, BenchContext.CHECKPOINT),
            ctx.settings().channels());
    set.connect(Duration.ofSeconds(10));
    return set;
  }
}
