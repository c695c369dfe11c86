package codefed.bench.scenario;

import codefed.bench.proc.ChildJvm;
import codefed.node.assertion.AnswerSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The province nodes' JVM as seen from the generator: their ports, fresh codes issued on request
 * (before a measured window, never during one), and the down/up switch.
 */
public final class Nodes {
  private static final Logger LOG = Logger.getLogger(Nodes.class.getName());
  private static final Duration ISSUE_TIMEOUT = Duration.ofMinutes(5);

  private final BenchContext ctx;
  private final ChildJvm process;
  private final Map<String, Integer> ports = new HashMap<>();
  private final AtomicInteger files = new AtomicInteger();

  private Nodes(BenchContext ctx, ChildJvm process, String ready) {
    this.ctx = ctx;
    this.process = process;
    for (String issuer : BenchContext.NODE_ISSUERS) {
      ports.put(issuer, ReadyPayload.intField(ready, issuer));
    }
  }

  static Nodes start(BenchContext ctx) throws IOException {
    ChildJvm p =
        ctx.startServer(
            "nodes",
            List.of(
                "nodes",
                "--pki",
                ctx.pki().root().toString(),
                "--issuers",
                String.join(",", BenchContext.NODE_ISSUERS),
                "--sign-batch",
                ctx.settings().signBatching().label()));
    return new Nodes(ctx, p, p.awaitReady(BenchContext.START_TIMEOUT));
  }

  public ChildJvm process() {
    return process;
  }

  public int port(String issuer) {
    Integer p = ports.get(issuer);
    if (p == null) {
      throw new IllegalArgumentException("no node for issuer " + issuer);
    }
    return p;
  }

  /** {@code count} codes the node has just issued (green, no snapshot), as QR texts. */
  public List<String> issue(String issuer, int count) throws IOException {
    Path file = ctx.workDir().resolve("codes-" + issuer + "-" + files.incrementAndGet() + ".txt");
    String reply = process.command("issue " + issuer + " " + count + " " + file, ISSUE_TIMEOUT);
    LOG.info(() -> "node " + issuer + " issued " + reply);
    List<String> codes = Files.readAllLines(file, StandardCharsets.UTF_8);
    Files.delete(file);
    return codes;
  }

  /** Answers signed and signatures made by all nodes since they started. */
  public AnswerSigner.SigningCounts signing() throws IOException {
    String[] words = process.command("signing", Duration.ofSeconds(10)).trim().split(" ");
    return new AnswerSigner.SigningCounts(Long.parseLong(words[0]), Long.parseLong(words[1]));
  }

  public void down(String issuer) throws IOException {
    process.command("down " + issuer, Duration.ofSeconds(10));
  }

  public void up(String issuer) throws IOException {
    process.command("up " + issuer, Duration.ofSeconds(10));
  }
}
