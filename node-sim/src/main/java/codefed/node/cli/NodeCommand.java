package codefed.node.cli;

import codefed.node.ProvinceNode;
import codefed.node.assertion.SignBatching;
import codefed.node.fault.FaultSettings;
import codefed.pki.PkiDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Run a province node (ProvinceNodeService over mTLS). */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description =
        "Run a province node (ProvinceNodeService over mTLS): issues codes, answers VerifyCode "
            + "with signed assertions, streams status changes. Stop with Ctrl-C (graceful).")
public final class NodeCommand implements Callable<Integer> {
  @Option(
      names = "--province",
      required = true,
      description = "GB/T 2260 province code, e.g. 140000.")
  String province;

  @Option(names = "--pki", required = true, description = "PKI directory (codefed certs init).")
  Path pki;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "Port to listen on (default: any free port).")
  int port;

  @Option(
      names = "--population",
      defaultValue = "0",
      description = "Synthetic residents to load (default: ${DEFAULT-VALUE}).")
  int population;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the synthetic population (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--clock-start",
      description =
          "Run a simulated clock from this ISO-8601 instant, e.g. 2020-03-20T09:00:00+08:00.")
  OffsetDateTime clockStart;

  @Option(
      names = "--fault-latency",
      converter = DurationConverter.class,
      description = "Delay every VerifyCode answer, e.g. 300ms.")
  Duration faultLatency = Duration.ZERO;

  @Option(
      names = "--fault-error-rate",
      defaultValue = "0",
      description = "Fraction of VerifyCode calls answered UNAVAILABLE, in [0, 1].")
  double faultErrorRate;

  @Option(
      names = "--heartbeat",
      converter = DurationConverter.class,
      description =
          "Heartbeat interval of idle change streams (default: 5s); gateways treat 3x this of silence as a dead stream.")
  Duration heartbeat = codefed.node.grpc.NodeServer.DEFAULT_HEARTBEAT;

  @Option(
      names = "--issuer-key-poll",
      converter = DurationConverter.class,
      description =
          "How often the PKI's issuer key directory is read for a rotated key; a new key "
              + "is in use within this interval, no restart (default: 1s).")
  Duration issuerKeyPoll = ProvinceNode.DEFAULT_ISSUER_KEY_POLL;

  @Option(
      names = "--sign-batch",
      converter = SignBatchingConverter.class,
      paramLabel = "off|WINDOW",
      description =
          "Sign answers in batches: the answers made within WINDOW (e.g. 250us, at most 50ms) "
              + "share one signature over their Merkle root, each answer carrying its inclusion "
              + "proof; 0us batches only what queued while the previous signature was made; "
              + "'off' signs each answer alone (default: 250us).")
  SignBatching signBatching = SignBatching.DEFAULT;

  @Option(
      names = "--drills",
      description =
          "Expose NodeDrillService (SetFault: down/up, latency, errors, hang) to this "
              + "province's platform. For drills and tests only; without it the service does not exist.")
  boolean drills;

  @Override
  public Integer call() throws Exception {
    ProvinceNode node =
        ProvinceNode.builder()
            .province(province)
            .pki(PkiDirectory.open(pki))
            .port(port)
            .clock(ClockOption.of(clockStart))
            .population(population, seed)
            .faults(new FaultSettings(faultLatency, faultErrorRate, false, false))
            .heartbeat(heartbeat)
            .issuerKeyPoll(issuerKeyPoll)
            .drills(drills)
            .signBatching(signBatching)
            .build();
    int listening = node.start();
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "node-shutdown"));
    // One line once the residents are loaded and the port is open: what scripts wait for.
    System.out.println(
        "codefed node: "
            + province
            + " listening on port "
            + listening
            + " ("
            + node.populationLoaded()
            + " residents"
            + (drills ? ", drills enabled" : "")
            + ")");
    System.out.flush();
    node.blockUntilShutdown();
    return 0;
  }
}
